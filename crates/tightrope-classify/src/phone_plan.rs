//! Country calling codes (ITU-T E.164) and the lengths of the national significant numbers each
//! plan allows, for validating `+CC …` phone numbers without a network or a country guess.
//!
//! Generated from the numbering-plan metadata of Google's libphonenumber (Apache-2.0), version
//! 9.0.43 as shipped by the Python `phonenumbers` package: for each calling code, the shortest and
//! longest "possible length" of its general number description over all regions sharing the code.
//! Regenerate with `bench/classify/phone_plans.py`.

/// (calling code, shortest national number, longest national number); sorted by code.
const PLANS: &[(u16, u8, u8)] = &[
    (1, 7, 10),
    (7, 10, 14),
    (20, 8, 10),
    (27, 5, 10),
    (30, 10, 12),
    (31, 5, 11),
    (32, 8, 9),
    (33, 9, 9),
    (34, 9, 9),
    (36, 8, 9),
    (39, 6, 12),
    (40, 6, 9),
    (41, 9, 12),
    (43, 4, 13),
    (44, 7, 10),
    (45, 8, 8),
    (46, 6, 12),
    (47, 5, 8),
    (48, 6, 10),
    (49, 4, 15),
    (51, 8, 9),
    (52, 10, 10),
    (53, 6, 10),
    (54, 10, 11),
    (55, 8, 11),
    (56, 9, 11),
    (57, 8, 11),
    (58, 10, 10),
    (60, 8, 10),
    (61, 5, 12),
    (62, 7, 17),
    (63, 6, 13),
    (64, 5, 10),
    (65, 8, 11),
    (66, 8, 13),
    (81, 8, 17),
    (82, 5, 14),
    (84, 7, 10),
    (86, 7, 12),
    (90, 7, 13),
    (91, 8, 13),
    (92, 8, 12),
    (93, 9, 9),
    (94, 9, 9),
    (95, 6, 10),
    (98, 4, 10),
    (211, 9, 9),
    (212, 9, 9),
    (213, 8, 9),
    (216, 8, 8),
    (218, 9, 9),
    (220, 7, 9),
    (221, 9, 9),
    (222, 8, 8),
    (223, 8, 8),
    (224, 8, 9),
    (225, 10, 10),
    (226, 8, 8),
    (227, 8, 8),
    (228, 8, 8),
    (229, 10, 10),
    (230, 7, 10),
    (231, 7, 9),
    (232, 8, 8),
    (233, 8, 9),
    (234, 10, 14),
    (235, 8, 8),
    (236, 8, 8),
    (237, 8, 9),
    (238, 7, 7),
    (239, 7, 7),
    (240, 9, 9),
    (241, 7, 8),
    (242, 9, 9),
    (243, 7, 10),
    (244, 9, 9),
    (245, 7, 9),
    (246, 7, 7),
    (247, 5, 6),
    (248, 7, 7),
    (249, 9, 9),
    (250, 8, 9),
    (251, 9, 9),
    (252, 6, 9),
    (253, 8, 8),
    (254, 7, 10),
    (255, 9, 9),
    (256, 9, 9),
    (257, 8, 8),
    (258, 8, 9),
    (260, 9, 9),
    (261, 9, 9),
    (262, 9, 9),
    (263, 7, 10),
    (264, 8, 9),
    (265, 7, 9),
    (266, 8, 8),
    (267, 7, 10),
    (268, 8, 9),
    (269, 7, 7),
    (290, 4, 5),
    (291, 7, 7),
    (297, 7, 7),
    (298, 6, 6),
    (299, 6, 6),
    (350, 8, 8),
    (351, 9, 9),
    (352, 4, 11),
    (353, 7, 10),
    (354, 7, 9),
    (355, 6, 9),
    (356, 8, 8),
    (357, 8, 8),
    (358, 5, 12),
    (359, 6, 12),
    (370, 8, 8),
    (371, 8, 8),
    (372, 7, 10),
    (373, 8, 8),
    (374, 8, 8),
    (375, 6, 11),
    (376, 6, 9),
    (377, 8, 9),
    (378, 8, 10),
    (380, 9, 10),
    (381, 6, 12),
    (382, 8, 9),
    (383, 8, 12),
    (385, 7, 9),
    (386, 5, 8),
    (387, 8, 9),
    (389, 8, 8),
    (420, 9, 12),
    (421, 6, 9),
    (423, 7, 9),
    (500, 5, 5),
    (501, 7, 11),
    (502, 8, 11),
    (503, 7, 11),
    (504, 8, 11),
    (505, 8, 8),
    (506, 8, 10),
    (507, 7, 11),
    (508, 6, 9),
    (509, 8, 8),
    (590, 9, 9),
    (591, 8, 9),
    (592, 7, 7),
    (593, 8, 11),
    (594, 9, 9),
    (595, 6, 11),
    (596, 9, 9),
    (597, 6, 7),
    (598, 4, 13),
    (599, 7, 8),
    (670, 7, 8),
    (672, 6, 6),
    (673, 7, 7),
    (674, 7, 7),
    (675, 7, 8),
    (676, 5, 7),
    (677, 5, 7),
    (678, 5, 7),
    (679, 7, 11),
    (680, 7, 7),
    (681, 6, 9),
    (682, 5, 5),
    (683, 4, 7),
    (685, 5, 10),
    (686, 5, 8),
    (687, 6, 6),
    (688, 5, 7),
    (689, 6, 9),
    (690, 4, 7),
    (691, 7, 7),
    (692, 7, 7),
    (800, 8, 8),
    (808, 8, 8),
    (850, 8, 10),
    (852, 5, 11),
    (853, 7, 8),
    (855, 8, 10),
    (856, 8, 10),
    (870, 9, 12),
    (878, 12, 12),
    (880, 6, 10),
    (881, 9, 10),
    (882, 7, 12),
    (883, 8, 12),
    (886, 7, 11),
    (888, 11, 11),
    (960, 7, 10),
    (961, 7, 8),
    (962, 8, 9),
    (963, 8, 9),
    (964, 8, 10),
    (965, 7, 8),
    (966, 9, 10),
    (967, 7, 9),
    (968, 7, 9),
    (970, 8, 10),
    (971, 5, 12),
    (972, 7, 12),
    (973, 8, 8),
    (974, 7, 11),
    (975, 7, 8),
    (976, 8, 10),
    (977, 8, 11),
    (979, 9, 9),
    (992, 9, 9),
    (993, 8, 8),
    (994, 9, 9),
    (995, 9, 9),
    (996, 9, 10),
    (998, 9, 9),
];

/// A number's calling code and whether its national part has a length that code's plan allows.
/// `digits` are the digits after the `+`, trunk prefix `(0)` already removed. Calling codes are
/// prefix-free, so at most one of the 1-, 2- and 3-digit prefixes is assigned.
pub fn valid_international(digits: &[u8]) -> Option<u16> {
    (1..=3).find_map(|n| {
        let cc = digits.get(..n)?.iter().fold(0u16, |a, &d| a * 10 + u16::from(d));
        if digits.first() == Some(&0) {
            return None;
        }
        let i = PLANS.binary_search_by_key(&cc, |p| p.0).ok()?;
        let (_, min, max) = PLANS[i];
        let national = digits.len() - n;
        (usize::from(min)..=usize::from(max)).contains(&national).then_some(cc)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(s: &str) -> Vec<u8> {
        s.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect()
    }

    #[test]
    fn table_is_sorted_and_sane() {
        assert!(PLANS.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no duplicates");
        assert!(PLANS.iter().all(|p| p.1 <= p.2 && p.2 <= 17));
        assert!(PLANS.len() > 200, "every assigned calling code");
    }

    #[test]
    fn checks_code_and_length() {
        assert_eq!(valid_international(&ds("1 415 555 2671")), Some(1));
        assert_eq!(valid_international(&ds("44 20 7946 0958")), Some(44));
        assert_eq!(valid_international(&ds("49 30 901820")), Some(49));
        assert_eq!(valid_international(&ds("353 1 234 5678")), Some(353));
        assert_eq!(valid_international(&ds("44 20 79")), None, "too short for the UK plan");
        assert_eq!(
            valid_international(&ds("1 415 555 26711234")),
            None,
            "too long for NANP"
        );
        assert_eq!(
            valid_international(&ds("0 20 7946 0958")),
            None,
            "no calling code starts with 0"
        );
        assert_eq!(valid_international(&ds("999 1234 5678")), None, "999 is not assigned");
    }
}
