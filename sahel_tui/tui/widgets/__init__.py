"""One pane per module, plus the list, row and article-view widgets they share."""
