"""How things read in the reader's language: names, numbers, money, dates and the
language a first visit gets. One home, so pages, e-mails, the PDF and the .ics agree."""
