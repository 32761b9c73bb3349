"""A company's personal agenda: the page, the .ics file and feed, the printable PDF."""
