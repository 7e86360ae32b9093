//! CloudTrail ingestion: streaming reader of delivered log files into one normalised event type.
