//! Every detector, one per file. [`ALL`] lists them; for candidates that several whole-text
//! patterns could claim (a digit run), the order of [`ALL`] is the order they are tried in.

use crate::detector::Detector;

pub mod fin_aba_routing;
pub mod fin_credit_card;
pub mod fin_iban;
pub mod phi_icd10;
pub mod phi_mrn;
pub mod pii_address;
pub mod pii_date;
pub mod pii_date_of_birth;
pub mod pii_email;
pub mod pii_ip_address;
pub mod pii_passport;
pub mod pii_person;
pub mod pii_person_name;
pub mod pii_phone;
pub mod pii_uk_nino;
pub mod pii_us_ssn;
pub mod secret_anthropic;
pub mod secret_aws_access_key;
pub mod secret_aws_secret_key;
pub mod secret_azure_connection_string;
pub mod secret_config_password;
pub mod secret_gcp_service_account;
pub mod secret_github;
pub mod secret_gitlab;
pub mod secret_google_api_key;
pub mod secret_high_entropy;
pub mod secret_huggingface;
pub mod secret_jwt;
pub mod secret_openai;
pub mod secret_private_key;
pub mod secret_slack_token;
pub mod secret_slack_webhook;
pub mod secret_stripe;
pub mod secret_url_password;

/// All detectors. Whole-text (keyword-less) detectors are tried in this order on a shared candidate.
pub static ALL: &[Detector] = &[
    fin_iban::DETECTOR,
    fin_credit_card::DETECTOR,
    pii_us_ssn::DETECTOR,
    pii_uk_nino::DETECTOR,
    pii_phone::DETECTOR,
    pii_ip_address::DETECTOR,
    pii_date_of_birth::DETECTOR,
    pii_date::DETECTOR,
    pii_address::DETECTOR,
    pii_email::DETECTOR,
    pii_person::DETECTOR,
    pii_person_name::DETECTOR,
    pii_passport::DETECTOR,
    fin_aba_routing::DETECTOR,
    phi_mrn::DETECTOR,
    phi_icd10::DETECTOR,
    secret_aws_access_key::DETECTOR,
    secret_aws_secret_key::DETECTOR,
    secret_gcp_service_account::DETECTOR,
    secret_google_api_key::DETECTOR,
    secret_azure_connection_string::DETECTOR,
    secret_openai::DETECTOR,
    secret_anthropic::DETECTOR,
    secret_huggingface::DETECTOR,
    secret_github::DETECTOR,
    secret_gitlab::DETECTOR,
    secret_slack_token::DETECTOR,
    secret_slack_webhook::DETECTOR,
    secret_stripe::DETECTOR,
    secret_private_key::DETECTOR,
    secret_jwt::DETECTOR,
    secret_url_password::DETECTOR,
    secret_config_password::DETECTOR,
    secret_high_entropy::DETECTOR,
];

/// The detector with this ID.
pub fn by_id(id: &str) -> Option<&'static Detector> {
    ALL.iter().find(|d| d.id == id)
}
