//! The CloudTrail record as delivered, typed for serde with borrowed strings.
//!
//! The reader normally goes through [`crate::direct`], which fills the normalised event without
//! building these types; they read records written as JSON arrays, and are the reference
//! [`crate::direct`] is tested against.
//!
//! Only the fields tightrope uses are declared; everything else is skipped by serde without being
//! materialised. Every string field is [`Lenient`]: a number or boolean is kept as text and an object
//! or array where a string was expected becomes `None`, so one odd field never loses a record.

use crate::fill::{Object, Objects, drain_map, drain_seq};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A string field that tolerates other JSON types (see the module doc).
#[derive(Debug, Default, Clone)]
pub struct Lenient<'a>(pub Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Lenient<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        TextSeed::new().deserialize(d).map(Lenient)
    }
}

/// Seed of a [`Lenient`] string field's text, without the wrapper (for readers that fill values in
/// place, see [`crate::direct`]).
pub(crate) struct TextSeed<'a>(PhantomData<&'a ()>);

impl TextSeed<'_> {
    pub(crate) fn new() -> Self {
        TextSeed(PhantomData)
    }
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for TextSeed<'a> {
    type Value = Option<Cow<'a, str>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for TextSeed<'a> {
    type Value = Option<Cow<'a, str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(if v { "true" } else { "false" })))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Self::Value, A::Error> {
        drain_map(m).map(|()| None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, s: A) -> Result<Self::Value, A::Error> {
        drain_seq(s).map(|()| None)
    }
}

impl<'a> Lenient<'a> {
    pub fn into_inner(self) -> Option<Cow<'a, str>> {
        self.0.filter(|s| !s.is_empty())
    }
}

/// An object field that tolerates other JSON types: anything but an object becomes `None`
/// (some exports store `requestParameters` or `resources` as JSON-encoded strings).
#[derive(Debug)]
pub struct Obj<T>(pub Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Obj(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut out = None;
        Object(&mut out).deserialize(d)?;
        Ok(Obj(out))
    }
}

/// An array of objects that tolerates other JSON types (elements that are not objects are dropped).
#[derive(Debug)]
pub struct Seq<'a, T>(pub Vec<T>, PhantomData<&'a ()>);

impl<T> Default for Seq<'_, T> {
    fn default() -> Self {
        Seq(Vec::new(), PhantomData)
    }
}

impl<'de: 'a, 'a, T: Deserialize<'de>> Deserialize<'de> for Seq<'a, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut out = Vec::new();
        Objects(&mut out).deserialize(d)?;
        Ok(Seq(out, PhantomData))
    }
}

/// One record of a CloudTrail log file. Keys are also accepted in lower case, as Athena and some
/// data lakes store them.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawRecord<'a> {
    #[serde(borrow, default, alias = "eventtime")]
    pub event_time: Lenient<'a>,
    #[serde(borrow, default, alias = "eventsource")]
    pub event_source: Lenient<'a>,
    #[serde(borrow, default, alias = "eventname")]
    pub event_name: Lenient<'a>,
    #[serde(borrow, default, alias = "awsregion")]
    pub aws_region: Lenient<'a>,
    #[serde(borrow, default, rename = "sourceIPAddress", alias = "sourceipaddress")]
    pub source_ip_address: Lenient<'a>,
    #[serde(borrow, default, alias = "useragent")]
    pub user_agent: Lenient<'a>,
    #[serde(borrow, default, alias = "errorcode")]
    pub error_code: Lenient<'a>,
    #[serde(borrow, default, alias = "readonly")]
    pub read_only: Lenient<'a>,
    #[serde(borrow, default, alias = "eventtype")]
    pub event_type: Lenient<'a>,
    #[serde(borrow, default, rename = "eventID", alias = "eventid")]
    pub event_id: Lenient<'a>,
    #[serde(borrow, default, alias = "recipientaccountid")]
    pub recipient_account_id: Lenient<'a>,
    #[serde(borrow, default, alias = "useridentity")]
    pub user_identity: Obj<RawIdentity<'a>>,
    #[serde(borrow, default)]
    pub resources: Seq<'a, RawResource<'a>>,
    #[serde(borrow, default, alias = "requestparameters")]
    pub request_parameters: Obj<RawParams<'a>>,
    #[serde(borrow, default, alias = "responseelements")]
    pub response_elements: Obj<RawResponse<'a>>,
}

/// `userIdentity`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawIdentity<'a> {
    #[serde(borrow, default, rename = "type")]
    pub kind: Lenient<'a>,
    #[serde(borrow, default, alias = "principalid")]
    pub principal_id: Lenient<'a>,
    #[serde(borrow, default)]
    pub arn: Lenient<'a>,
    #[serde(borrow, default, alias = "accountid")]
    pub account_id: Lenient<'a>,
    #[serde(borrow, default, alias = "accesskeyid")]
    pub access_key_id: Lenient<'a>,
    #[serde(borrow, default, alias = "username")]
    pub user_name: Lenient<'a>,
    #[serde(borrow, default, alias = "invokedby")]
    pub invoked_by: Lenient<'a>,
    #[serde(borrow, default, alias = "sessioncontext")]
    pub session_context: Obj<RawSessionContext<'a>>,
}

/// `userIdentity.sessionContext`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawSessionContext<'a> {
    #[serde(borrow, default, alias = "sessionissuer")]
    pub session_issuer: Obj<RawIssuer<'a>>,
    #[serde(borrow, default)]
    pub attributes: Obj<RawAttributes<'a>>,
}

/// `userIdentity.sessionContext.sessionIssuer`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawIssuer<'a> {
    #[serde(borrow, default, rename = "type")]
    pub kind: Lenient<'a>,
    #[serde(borrow, default)]
    pub arn: Lenient<'a>,
}

/// `userIdentity.sessionContext.attributes`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawAttributes<'a> {
    #[serde(borrow, default, alias = "mfaauthenticated")]
    pub mfa_authenticated: Lenient<'a>,
}

/// One entry of `resources[]`.
#[derive(Debug, Deserialize)]
pub struct RawResource<'a> {
    #[serde(borrow, default, rename = "ARN", alias = "arn")]
    pub arn: Lenient<'a>,
}

/// The request parameters tightrope reads (see [`crate::Params`]).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawParams<'a> {
    #[serde(borrow, default, alias = "bucketname")]
    pub bucket_name: Lenient<'a>,
    #[serde(borrow, default)]
    pub key: Lenient<'a>,
    #[serde(borrow, default, alias = "modelid")]
    pub model_id: Lenient<'a>,
    #[serde(borrow, default, alias = "rolearn")]
    pub role_arn: Lenient<'a>,
    #[serde(borrow, default, alias = "rolename")]
    pub role_name: Lenient<'a>,
    #[serde(borrow, default, alias = "username")]
    pub user_name: Lenient<'a>,
    #[serde(borrow, default, alias = "policyarn")]
    pub policy_arn: Lenient<'a>,
    #[serde(borrow, default, alias = "functionname")]
    pub function_name: Lenient<'a>,
    #[serde(borrow, default, alias = "guardrailidentifier")]
    pub guardrail_identifier: Lenient<'a>,
    #[serde(borrow, default, alias = "knowledgebaseid")]
    pub knowledge_base_id: Lenient<'a>,
    #[serde(borrow, default, alias = "trainingdataconfig")]
    pub training_data_config: Obj<RawS3Uri<'a>>,
    #[serde(borrow, default, alias = "datasourceconfiguration")]
    pub data_source_configuration: Obj<RawDataSourceConfiguration<'a>>,
}

/// `{"s3Uri": ...}` (Bedrock `trainingDataConfig`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawS3Uri<'a> {
    #[serde(borrow, default, alias = "s3uri")]
    pub s3_uri: Lenient<'a>,
}

/// Bedrock knowledge-base `dataSourceConfiguration`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawDataSourceConfiguration<'a> {
    #[serde(borrow, default, alias = "s3configuration")]
    pub s3_configuration: Obj<RawS3Configuration<'a>>,
}

/// Bedrock knowledge-base `dataSourceConfiguration.s3Configuration`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawS3Configuration<'a> {
    #[serde(borrow, default, alias = "bucketarn")]
    pub bucket_arn: Lenient<'a>,
}

/// The response elements tightrope reads: the console sign-in outcome.
#[derive(Debug, Deserialize)]
pub struct RawResponse<'a> {
    #[serde(borrow, default, rename = "ConsoleLogin", alias = "consolelogin")]
    pub console_login: Lenient<'a>,
}
