//! `eventTime` parsing without a date library: ISO-8601 / RFC 3339 (`2024-05-01T12:00:00Z`,
//! fractions and `±hh:mm` offsets) and the `YYYY-MM-DD HH:MM:SS.fffffffff` form some log pipelines
//! store.

/// Seconds since the Unix epoch, or `None` when `s` is not one of the accepted forms.
pub fn parse_time(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    // The digits of `b[r]` as a number (`None` if out of range, empty or not all ASCII digits).
    // Every range is at most four digits, so the sum cannot overflow; this is the hot part of
    // reading (once per event), where `str::parse` cost several times as much.
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() {
            return None;
        }
        part.iter().try_fold(0i64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
        })
    };
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let offset = match b.get(i) {
        None | Some(b'Z' | b'z') => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = num(i + 1..i + 3)?;
            let om = if b.get(i + 3) == Some(&b':') {
                num(i + 4..i + 6)?
            } else {
                num(i + 3..i + 5).unwrap_or(0)
            };
            let o = oh * 3600 + om * 60;
            if sign == b'+' { o } else { -o }
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a Unix time (for reports).
pub fn format_time(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        assert_eq!(parse_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_time("2019-01-01T00:00:00Z"), Some(1_546_300_800));
        assert_eq!(
            parse_time("2019-01-01 00:00:00.000000000"),
            Some(1_546_300_800)
        );
        assert_eq!(
            parse_time("2019-01-01T01:00:00.5+01:00"),
            Some(1_546_300_800)
        );
        assert_eq!(format_time(1_546_300_800), "2019-01-01T00:00:00Z");
        // Offsets without a colon, and with the minutes left out.
        assert_eq!(parse_time("2019-01-01T01:30:00+0130"), Some(1_546_300_800));
        assert_eq!(parse_time("2019-01-01T01:00:00+01"), Some(1_546_300_800));
        assert_eq!(parse_time(" 9999-12-31T23:59:60Z "), Some(253_402_300_800));
    }

    #[test]
    fn rejected_forms() {
        for bad in [
            "",
            "2019",
            "2019-13-01T00:00:00Z",
            "2019-01-01T00:00:00Q",
            "２０19-01-01T00:00:00Z",
            "2019-01-01T00:00:00+1",
            "2019-0a-01T00:00:00Z",
            "2019-01-01T00:00:00+0x:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
