//! Finding the resources an attachment configures (the bucket of a bucket policy, the roles of an
//! IAM policy): by logical id when it was referenced (`!Ref Bucket`, `!GetAtt Fn.Arn`), or by a
//! literal name or ARN matched against the target's name.

use crate::fields::Fields;
use tightrope_core::state::Meta;

/// Apply `apply` to every item of `items` that the attachment's property `path` names; `false`
/// when it names none of them.
pub fn each<T>(f: &Fields, path: &str, items: &mut [T], key: impl Fn(&T) -> (&Meta, Option<&str>), mut apply: impl FnMut(&mut T)) -> bool {
    let links: Vec<_> = f.links(path).into_iter().filter_map(|l| l.value).collect();
    let mut hit = false;
    for item in items.iter_mut() {
        let (meta, name) = key(item);
        if links.iter().any(|l| l.points_to(&meta.address, name)) {
            apply(item);
            hit = true;
        }
    }
    hit
}
