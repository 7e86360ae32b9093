#!/usr/bin/env python3
"""Print the PLANS table of crates/tightrope-classify/src/phone_plan.rs from libphonenumber's
metadata (the `phonenumbers` package, Apache-2.0): for each country calling code, the shortest and
longest possible national number over the regions sharing it.

Usage: python3 bench/classify/phone_plans.py   (needs `pip install phonenumbers`)
"""
import phonenumbers
from phonenumbers import phonemetadata

print(f"// phonenumbers {phonenumbers.__version__}")
for cc, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
    lengths = set()
    for region in regions:
        meta = phonemetadata.PhoneMetadata.metadata_for_region_or_calling_code(cc, region)
        if meta is not None and meta.general_desc is not None and meta.general_desc.possible_length:
            lengths |= {n for n in meta.general_desc.possible_length if n > 0}
    if lengths:
        print(f"    ({cc}, {min(lengths)}, {max(lengths)}),")
