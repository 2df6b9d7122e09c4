"""pilkada-ie: Indonesian regional news → analyst-ready Parquet tables."""

__version__ = "0.1.0"
