//! serde plumbing for reading a record into values that already exist (the normalised event being
//! built) instead of returning new ones: an object or an array of objects is handed to a
//! [`FillMap`], and object keys are matched by small enums ([`keys!`]) that know their own name for
//! duplicate-key errors.
//!
//! Both [`crate::raw`] (the derived record types) and [`crate::direct`] (the hand-written reader of
//! the normalised event) go through [`Object`] and [`Objects`], so the two agree on what a
//! non-object value does: it is skipped, never an error.

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Something an object's entries are read into.
pub(crate) trait FillMap<'de> {
    /// Read every entry of `map` (all of them: the map must be left at its end).
    fn fill<A: MapAccess<'de>>(&mut self, map: A) -> Result<(), A::Error>;
}

/// An `Option` of a derived type is filled with the whole object.
impl<'de, T: Deserialize<'de>> FillMap<'de> for Option<T> {
    fn fill<A: MapAccess<'de>>(&mut self, map: A) -> Result<(), A::Error> {
        *self = Some(T::deserialize(MapAccessDeserializer::new(map))?);
        Ok(())
    }
}

/// A `Vec` of a derived type gets one element per object.
impl<'de, T: Deserialize<'de>> FillMap<'de> for Vec<T> {
    fn fill<A: MapAccess<'de>>(&mut self, map: A) -> Result<(), A::Error> {
        self.push(T::deserialize(MapAccessDeserializer::new(map))?);
        Ok(())
    }
}

/// Skip the rest of a map.
pub(crate) fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Skip the rest of a sequence.
pub(crate) fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The visitor methods of a value that is ignored unless it has the one shape wanted: scalars are
/// nothing, and a map or sequence (whichever is not the shape wanted) is skipped.
macro_rules! ignore_scalars {
    () => {
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
    };
}

/// Seed of an object value read into `F`; any other value is skipped (some exports store
/// `requestParameters` or `resources` as JSON-encoded strings).
pub(crate) struct Object<'f, F>(pub &'f mut F);

impl<'de, F: FillMap<'de>> DeserializeSeed<'de> for Object<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FillMap<'de>> Visitor<'de> for Object<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.0.fill(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        drain_seq(seq)
    }
    ignore_scalars!();
}

/// Seed of an array whose object elements are each read into `F`; other elements are dropped, and a
/// value that is not an array is skipped.
pub(crate) struct Objects<'f, F>(pub &'f mut F);

impl<'de, F: FillMap<'de>> DeserializeSeed<'de> for Objects<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FillMap<'de>> Visitor<'de> for Objects<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Object(&mut *self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        drain_map(map)
    }
    ignore_scalars!();
}

/// The keys of one object that are read; every other key is `Other`.
pub(crate) trait Key: Copy + 'static {
    /// The key of this text (`Other` for keys not read).
    fn of(text: &str) -> Self;
    /// Position in the object's key list, or `None` for `Other`.
    fn bit(self) -> Option<u32>;
    /// The canonical name, for a duplicate-key error.
    fn name(self) -> &'static str;
}

/// Declare a [`Key`] enum: each variant with its canonical key and the other spellings accepted
/// (lower case, as Athena stores them). At most 32 variants.
macro_rules! keys {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $key:literal $(| $alias:literal)*,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum $name {
            $($variant,)*
            /// A key that is not read.
            Other,
        }

        // `Seen` keeps one bit per variant.
        const _: () = assert!(($name::Other as u32) <= 32, "at most 32 keys");

        impl $crate::fill::Key for $name {
            fn of(text: &str) -> Self {
                match text {
                    $($key $(| $alias)* => $name::$variant,)*
                    _ => $name::Other,
                }
            }
            fn bit(self) -> Option<u32> {
                (self != $name::Other).then_some(self as u32)
            }
            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                    $name::Other => "",
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_identifier($crate::fill::KeyVisitor(std::marker::PhantomData))
            }
        }
    };
}
pub(crate) use keys;

/// Reads an object key as a [`Key`].
pub(crate) struct KeyVisitor<K>(pub PhantomData<K>);

impl<K: Key> Visitor<'_> for KeyVisitor<K> {
    type Value = K;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<K, E> {
        Ok(K::of(v))
    }
}

/// The keys of one object met so far: a second occurrence (in any spelling) is an error, as it is
/// for a derived struct.
#[derive(Default)]
struct Seen(u32);

impl Seen {
    /// Record `key`; the derived structs' `duplicate field` error when it was met before.
    fn first<K: Key, E: de::Error>(&mut self, key: K) -> Result<(), E> {
        let Some(bit) = key.bit() else {
            return Ok(());
        };
        let mask = 1u32 << bit;
        if self.0 & mask != 0 {
            return Err(E::duplicate_field(key.name()));
        }
        self.0 |= mask;
        Ok(())
    }
}

/// Call `f` with each key of `map` that is read (its value is for `f` to take), in order, checked
/// against repeats; other keys' values are skipped.
pub(crate) fn each_key<'de, K: Key + Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    mut f: impl FnMut(&mut A, K) -> Result<(), A::Error>,
) -> Result<(), A::Error> {
    let mut seen = Seen::default();
    while let Some(key) = map.next_key::<K>()? {
        if key.bit().is_none() {
            map.next_value::<IgnoredAny>()?;
            continue;
        }
        seen.first(key)?;
        f(map, key)?;
    }
    Ok(())
}
