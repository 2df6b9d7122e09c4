import pytest


@pytest.fixture(scope="session")
def loaded_model():
    from pipeline.extract.nlp import load
    return load()


@pytest.fixture
def one_model(monkeypatch, loaded_model):
    """In-process runs reuse one loaded pipeline instead of loading the model again for each run."""
    monkeypatch.setattr("pipeline.extract.nlp.load", lambda model=None: loaded_model)
