"""HTTP: the pages, the JSON API, audio and the error answers."""
