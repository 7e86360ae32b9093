//! Step 3, data classification: PII, PHI, financial data and secrets in the data AI touches; labels and data-flow policy.

pub mod cli;
