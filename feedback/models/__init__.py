"""Models of the feedback app, one module per feature; importing them here registers them with the app."""
