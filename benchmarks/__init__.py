"""Benchmark harness: ``python -m benchmarks --docs N`` measures build, search, start-up and memory.

Not part of the core: it may import Whoosh and Textual. Modules: `lexicon` and `cast` (word and
entity sources), `corpus_gen` (the deterministic corpus), `queries` (the seeded query mix),
`scan` (the grep-like baseline), `naive` (the single-writer Whoosh baseline), `child` (phases
run in fresh processes), `startup`, `profiling`, `stats` and `harness` (one run, end to end).
"""
