//! A record read straight into the normalised [`Event`]: each field the event keeps is written where
//! it belongs as the parser meets it.
//!
//! The derived types of [`crate::raw`] read the same fields, but build a ~0.8 KB `RawRecord` of
//! their own first, which was then moved (through serde's `Result`s and `Option`s) and copied into
//! the event: those copies were about a tenth of `detect run`. This reader gives the same events and
//! the same errors as `RawRecord` followed by [`Event::from_raw`] (the tests check both on every
//! record of the test data): the same keys in either spelling, a second occurrence of a key an
//! error naming its canonical spelling, unread keys skipped, and any value of an unexpected type
//! read as nothing (see [`crate::raw::Lenient`] and [`crate::fill`]). A record that is a JSON array
//! is rare enough to be read by the derived types, which take it field by field in order.

use crate::event::{Event, MISSING_NAME, Params, Principal, flag};
use crate::fill::{FillMap, Object, Objects, each_key, keys};
use crate::raw::{RawRecord, TextSeed};
use crate::time::parse_time;
use serde::Deserialize;
use serde::de::value::SeqAccessDeserializer;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

#[cfg(test)]
mod tests;

/// Read one record into `event` (a default one). `Ok(Err(reason))` when the record is JSON but not
/// a CloudTrail record; then, as after an error, `event` holds whatever was read and is not an
/// event. Strings borrow from the parser's input where they can (`'de`, which outlives `'x`).
pub(crate) fn read_record<'de: 'x, 'x, D: Deserializer<'de>>(
    d: D,
    event: &mut Event<'x>,
) -> Result<Result<(), &'static str>, D::Error> {
    // The field list is for formats that are not self-describing; JSON does not use it.
    d.deserialize_struct("RawRecord", &[], RecordVisitor(event))
}

/// Parse one record in place into `event`: strings without escapes borrow from `bytes`. UTF-8 is
/// validated once for the whole record (then serde_json need not check every string); a record that
/// is not valid UTF-8 throughout is still given to the byte parser, which accepts invalid bytes
/// inside fields it skips.
pub(crate) fn parse_record<'b>(
    bytes: &'b [u8],
    event: &mut Event<'b>,
) -> serde_json::Result<Result<(), &'static str>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_whole(serde_json::Deserializer::from_str(text), event),
        Err(_) => parse_whole(serde_json::Deserializer::from_slice(bytes), event),
    }
}

/// [`read_record`] over the whole input of `parser` (as `serde_json::from_str` reads a value:
/// anything but whitespace after the record is an error).
fn parse_whole<'de, R: serde_json::de::Read<'de>>(
    mut parser: serde_json::Deserializer<R>,
    event: &mut Event<'de>,
) -> serde_json::Result<Result<(), &'static str>> {
    let outcome = read_record(&mut parser, event)?;
    parser.end()?;
    Ok(outcome)
}

/// A string field: text (numbers and booleans as written), or `None` for an empty string, `null`,
/// an object or an array.
#[inline]
fn text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
    Ok(map
        .next_value_seed(TextSeed::new())?
        .filter(|s| !s.is_empty()))
}

/// Skip a value (only for keys [`each_key`] does not hand out).
fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

keys! {
    /// The keys of a record that are read.
    RecordKey {
        Time = "eventTime" | "eventtime",
        Source = "eventSource" | "eventsource",
        Name = "eventName" | "eventname",
        Region = "awsRegion" | "awsregion",
        SourceIp = "sourceIPAddress" | "sourceipaddress",
        UserAgent = "userAgent" | "useragent",
        ErrorCode = "errorCode" | "errorcode",
        ReadOnly = "readOnly" | "readonly",
        EventType = "eventType" | "eventtype",
        EventId = "eventID" | "eventid",
        Recipient = "recipientAccountId" | "recipientaccountid",
        Identity = "userIdentity" | "useridentity",
        Resources = "resources",
        Params = "requestParameters" | "requestparameters",
        Response = "responseElements" | "responseelements",
    }
}

/// Reads a record's object into the event it holds.
struct RecordVisitor<'e, 'x>(&'e mut Event<'x>);

impl<'de: 'x, 'x> Visitor<'de> for RecordVisitor<'_, 'x> {
    type Value = Result<(), &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct RawRecord")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let e = self.0;
        let (mut name, mut recipient, mut console_login) = (None, None, None);
        each_key(&mut map, |map, key| {
            match key {
                RecordKey::Time => {
                    e.time = map
                        .next_value_seed(TextSeed::new())?
                        .as_deref()
                        .and_then(parse_time)
                }
                RecordKey::Source => e.source = text(map)?.unwrap_or(Cow::Borrowed("")),
                RecordKey::Name => name = text(map)?,
                RecordKey::Region => e.region = text(map)?,
                RecordKey::SourceIp => e.source_ip = text(map)?,
                RecordKey::UserAgent => e.user_agent = text(map)?,
                RecordKey::ErrorCode => e.error_code = text(map)?,
                RecordKey::ReadOnly => e.read_only = flag(text(map)?.as_deref()),
                RecordKey::EventType => e.event_type = text(map)?,
                RecordKey::EventId => e.event_id = text(map)?,
                RecordKey::Recipient => recipient = text(map)?,
                RecordKey::Identity => {
                    map.next_value_seed(Object(&mut Identity(&mut e.principal)))?
                }
                RecordKey::Resources => {
                    map.next_value_seed(Objects(&mut Arns(&mut e.resources)))?
                }
                RecordKey::Params => map.next_value_seed(Object(&mut Request(&mut e.params)))?,
                RecordKey::Response => {
                    map.next_value_seed(Object(&mut Text::<ConsoleLogin>::new(&mut console_login)))?
                }
                RecordKey::Other => skip(map)?,
            }
            Ok(())
        })?;
        let Some(name) = name else {
            return Ok(Err(MISSING_NAME));
        };
        e.name = name;
        e.complete(recipient, console_login);
        Ok(Ok(()))
    }

    /// A record written as an array: its fields in declaration order, as the derived struct reads
    /// them.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let raw = RawRecord::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(Event::from_raw(raw).map(|event| *self.0 = event))
    }
}

/// An object of which one string field, of key `K`, is read into `.0`.
struct Text<'t, 'x, K>(&'t mut Option<Cow<'x, str>>, PhantomData<K>);

impl<'t, 'x, K> Text<'t, 'x, K> {
    fn new(into: &'t mut Option<Cow<'x, str>>) -> Self {
        Text(into, PhantomData)
    }
}

impl<'de: 'x, 'x, K: crate::fill::Key + Deserialize<'de>> FillMap<'de> for Text<'_, 'x, K> {
    fn fill<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        each_key(&mut map, |map, _: K| {
            *self.0 = text(map)?;
            Ok(())
        })
    }
}

keys! {
    /// `responseElements.ConsoleLogin`.
    ConsoleLogin { Value = "ConsoleLogin" | "consolelogin", }
}

keys! {
    /// `resources[].ARN`.
    ResourceArn { Value = "ARN" | "arn", }
}

/// `resources[]`: the ARN of each entry that has one.
struct Arns<'v, 'x>(&'v mut Vec<Cow<'x, str>>);

impl<'de: 'x, 'x> FillMap<'de> for Arns<'_, 'x> {
    fn fill<A: MapAccess<'de>>(&mut self, map: A) -> Result<(), A::Error> {
        let mut arn = None;
        Text::<ResourceArn>::new(&mut arn).fill(map)?;
        self.0.extend(arn);
        Ok(())
    }
}

keys! {
    /// The keys of `userIdentity` that are read.
    IdentityKey {
        Kind = "type",
        PrincipalId = "principalId" | "principalid",
        Arn = "arn",
        Account = "accountId" | "accountid",
        AccessKeyId = "accessKeyId" | "accesskeyid",
        UserName = "userName" | "username",
        InvokedBy = "invokedBy" | "invokedby",
        Session = "sessionContext" | "sessioncontext",
    }
}

/// `userIdentity`.
struct Identity<'p, 'x>(&'p mut Principal<'x>);

impl<'de: 'x, 'x> FillMap<'de> for Identity<'_, 'x> {
    fn fill<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        let p = &mut *self.0;
        each_key(&mut map, |map, key| {
            match key {
                IdentityKey::Kind => p.kind = text(map)?,
                IdentityKey::PrincipalId => p.principal_id = text(map)?,
                IdentityKey::Arn => p.arn = text(map)?,
                IdentityKey::Account => p.account = text(map)?,
                IdentityKey::AccessKeyId => p.access_key_id = text(map)?,
                IdentityKey::UserName => p.user_name = text(map)?,
                IdentityKey::InvokedBy => p.invoked_by = text(map)?,
                IdentityKey::Session => map.next_value_seed(Object(&mut Session(&mut *p)))?,
                IdentityKey::Other => skip(map)?,
            }
            Ok(())
        })
    }
}

keys! {
    /// The keys of `userIdentity.sessionContext` that are read.
    SessionKey {
        Issuer = "sessionIssuer" | "sessionissuer",
        Attributes = "attributes",
    }
}

keys! {
    /// `sessionContext.attributes.mfaAuthenticated`.
    Mfa { Value = "mfaAuthenticated" | "mfaauthenticated", }
}

/// `userIdentity.sessionContext`: the session issuer and whether MFA was used.
struct Session<'p, 'x>(&'p mut Principal<'x>);

impl<'de: 'x, 'x> FillMap<'de> for Session<'_, 'x> {
    fn fill<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        let p = &mut *self.0;
        each_key(&mut map, |map, key| {
            match key {
                SessionKey::Issuer => map.next_value_seed(Object(&mut Issuer(&mut *p)))?,
                SessionKey::Attributes => {
                    let mut mfa = None;
                    map.next_value_seed(Object(&mut Text::<Mfa>::new(&mut mfa)))?;
                    p.mfa = flag(mfa.as_deref());
                }
                SessionKey::Other => skip(map)?,
            }
            Ok(())
        })
    }
}

keys! {
    /// The keys of `sessionContext.sessionIssuer` that are read.
    IssuerKey {
        Kind = "type",
        Arn = "arn",
    }
}

/// `userIdentity.sessionContext.sessionIssuer`.
struct Issuer<'p, 'x>(&'p mut Principal<'x>);

impl<'de: 'x, 'x> FillMap<'de> for Issuer<'_, 'x> {
    fn fill<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        let p = &mut *self.0;
        each_key(&mut map, |map, key| {
            match key {
                IssuerKey::Kind => p.issuer_kind = text(map)?,
                IssuerKey::Arn => p.issuer_arn = text(map)?,
                IssuerKey::Other => skip(map)?,
            }
            Ok(())
        })
    }
}

keys! {
    /// The keys of `requestParameters` that are read.
    ParamKey {
        BucketName = "bucketName" | "bucketname",
        Key = "key",
        ModelId = "modelId" | "modelid",
        RoleArn = "roleArn" | "rolearn",
        RoleName = "roleName" | "rolename",
        UserName = "userName" | "username",
        PolicyArn = "policyArn" | "policyarn",
        FunctionName = "functionName" | "functionname",
        Guardrail = "guardrailIdentifier" | "guardrailidentifier",
        KnowledgeBase = "knowledgeBaseId" | "knowledgebaseid",
        TrainingData = "trainingDataConfig" | "trainingdataconfig",
        DataSource = "dataSourceConfiguration" | "datasourceconfiguration",
    }
}

keys! {
    /// `trainingDataConfig.s3Uri`.
    S3Uri { Value = "s3Uri" | "s3uri", }
}

/// `requestParameters`.
struct Request<'p, 'x>(&'p mut Params<'x>);

impl<'de: 'x, 'x> FillMap<'de> for Request<'_, 'x> {
    fn fill<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        let p = &mut *self.0;
        each_key(&mut map, |map, key| {
            match key {
                ParamKey::BucketName => p.bucket_name = text(map)?,
                ParamKey::Key => p.key = text(map)?,
                ParamKey::ModelId => p.model_id = text(map)?,
                ParamKey::RoleArn => p.role_arn = text(map)?,
                ParamKey::RoleName => p.role_name = text(map)?,
                ParamKey::UserName => p.user_name = text(map)?,
                ParamKey::PolicyArn => p.policy_arn = text(map)?,
                ParamKey::FunctionName => p.function_name = text(map)?,
                ParamKey::Guardrail => p.guardrail_id = text(map)?,
                ParamKey::KnowledgeBase => p.knowledge_base_id = text(map)?,
                ParamKey::TrainingData => {
                    map.next_value_seed(Object(&mut Text::<S3Uri>::new(&mut p.training_data_uri)))?
                }
                ParamKey::DataSource => {
                    map.next_value_seed(Object(&mut DataSource(&mut p.data_source_bucket)))?
                }
                ParamKey::Other => skip(map)?,
            }
            Ok(())
        })
    }
}

keys! {
    /// `dataSourceConfiguration.s3Configuration`.
    S3Configuration { Value = "s3Configuration" | "s3configuration", }
}

keys! {
    /// `s3Configuration.bucketArn`.
    BucketArn { Value = "bucketArn" | "bucketarn", }
}

/// Bedrock knowledge-base `dataSourceConfiguration`: its `s3Configuration.bucketArn`.
struct DataSource<'t, 'x>(&'t mut Option<Cow<'x, str>>);

impl<'de: 'x, 'x> FillMap<'de> for DataSource<'_, 'x> {
    fn fill<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        each_key(&mut map, |map, _: S3Configuration| {
            map.next_value_seed(Object(&mut Text::<BucketArn>::new(&mut *self.0)))
        })
    }
}
