"""Training of the project's NER model (`python -m training.train`); not part of the installed package."""
