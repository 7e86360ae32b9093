//! Every built-in rule, one per file. Add a rule: create its file with `declare_rule!`, list it
//! below, add `fixtures/<RULE-ID>/fire.*` and `pass.*`, then regenerate `docs/rules.md` with
//! `tightrope rules --markdown > docs/rules.md`.

use crate::rule::Rule;

macro_rules! rules {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// All built-in rules, in id order.
        pub fn all() -> &'static [&'static dyn Rule] {
            &[$(&$module::$rule),*]
        }
    };
}

rules! {
    sagemaker_notebook_direct_internet::SageMakerNotebookDirectInternet,
}
