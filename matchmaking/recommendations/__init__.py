"""Recommended partners: `scoring` (pure Python) scores every pair of a conference,
`services.compute_recommendations` stores the best, `selectors` reads them back and
`describe` renders their reasons in the reader's language."""
