//! Storage of tightrope: snapshots, findings, baselines and step documents in SQLite (PostgreSQL later).
