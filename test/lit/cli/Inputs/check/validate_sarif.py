#!/usr/bin/env python3
"""Checks a SARIF log against the required structure of the SARIF 2.1.0 schema
(sarif-schema-2.1.0.json: required properties, types, enums, minimums) for the
objects greenlint writes, plus the cross-references a viewer relies on
(ruleIndex points at the rule with that id). Prints "valid" or the problems.

usage: validate_sarif.py LOG.sarif
"""
import json
import re
import sys

problems = []
LEVELS = {"none", "note", "warning", "error"}
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def need(obj, key, kind, where):
    if not isinstance(obj, dict) or key not in obj:
        problems.append("%s: missing required '%s'" % (where, key))
        return None
    if not isinstance(obj[key], kind) or (kind is int and isinstance(obj[key], bool)):
        problems.append("%s.%s: expected %s" % (where, key, kind.__name__))
        return None
    return obj[key]


def opt(obj, key, kind, where):
    return need(obj, key, kind, where) if isinstance(obj, dict) and key in obj else None


def message(obj, where):
    if need(obj, "text", str, where) is None:
        pass


def absolute_uri(value, where):
    if value is not None and not URI.match(value):
        problems.append("%s: '%s' is not an absolute URI" % (where, value))


def region(obj, where):
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        value = opt(obj, key, int, where)
        if value is not None and value < 1:
            problems.append("%s.%s: must be >= 1" % (where, key))
    for key in ("byteOffset", "byteLength", "charOffset", "charLength"):
        value = opt(obj, key, int, where)
        if value is not None and value < 0:
            problems.append("%s.%s: must be >= 0" % (where, key))


def artifact_location(obj, where, base_ids):
    uri = need(obj, "uri", str, where)
    base = opt(obj, "uriBaseId", str, where)
    if base is not None and base not in base_ids:
        problems.append("%s.uriBaseId: '%s' is not in originalUriBaseIds" % (where, base))
    if base is None and uri is not None:
        absolute_uri(uri, where + ".uri")


def physical_location(obj, where, base_ids):
    loc = need(obj, "artifactLocation", dict, where)
    if loc is not None:
        artifact_location(loc, where + ".artifactLocation", base_ids)
    reg = opt(obj, "region", dict, where)
    if reg is not None:
        region(reg, where + ".region")


def location(obj, where, base_ids):
    ident = opt(obj, "id", int, where)
    if ident is not None and ident < -1:
        problems.append("%s.id: must be >= -1" % where)
    phys = opt(obj, "physicalLocation", dict, where)
    if phys is not None:
        physical_location(phys, where + ".physicalLocation", base_ids)
    msg = opt(obj, "message", dict, where)
    if msg is not None:
        message(msg, where + ".message")


def main():
    with open(sys.argv[1]) as f:
        log = json.load(f)
    opt(log, "$schema", str, "log")
    if need(log, "version", str, "log") not in (None, "2.1.0"):
        problems.append("log.version: must be '2.1.0'")
    runs = need(log, "runs", list, "log") or []
    for r, run in enumerate(runs):
        where = "runs[%d]" % r
        tool = need(run, "tool", dict, where)
        driver = need(tool, "driver", dict, where + ".tool") if tool else None
        rules = []
        if driver is not None:
            dw = where + ".tool.driver"
            need(driver, "name", str, dw)
            opt(driver, "version", str, dw)
            absolute_uri(opt(driver, "informationUri", str, dw), dw + ".informationUri")
            rules = opt(driver, "rules", list, dw) or []
            ids = set()
            for i, rule in enumerate(rules):
                rw = "%s.rules[%d]" % (dw, i)
                ident = need(rule, "id", str, rw)
                if ident in ids:
                    problems.append("%s.id: '%s' is not unique" % (rw, ident))
                ids.add(ident)
                short = opt(rule, "shortDescription", dict, rw)
                if short is not None:
                    message(short, rw + ".shortDescription")
                absolute_uri(opt(rule, "helpUri", str, rw), rw + ".helpUri")
                config = opt(rule, "defaultConfiguration", dict, rw)
                if config is not None and opt(config, "level", str, rw) not in (None,) + tuple(LEVELS):
                    problems.append("%s.defaultConfiguration.level: not one of %s" % (rw, sorted(LEVELS)))
        base_ids = opt(run, "originalUriBaseIds", dict, where) or {}
        for name, loc in base_ids.items():
            artifact_location(loc, "%s.originalUriBaseIds.%s" % (where, name), {})
        if opt(run, "columnKind", str, where) not in (None, "utf16CodeUnits", "unicodeCodePoints"):
            problems.append("%s.columnKind: not an allowed value" % where)
        for i, inv in enumerate(opt(run, "invocations", list, where) or []):
            iw = "%s.invocations[%d]" % (where, i)
            need(inv, "executionSuccessful", bool, iw)
            for j, note in enumerate(opt(inv, "toolExecutionNotifications", list, iw) or []):
                nw = "%s.toolExecutionNotifications[%d]" % (iw, j)
                msg = need(note, "message", dict, nw)
                if msg is not None:
                    message(msg, nw + ".message")
                if opt(note, "level", str, nw) not in (None,) + tuple(LEVELS):
                    problems.append("%s.level: not one of %s" % (nw, sorted(LEVELS)))
                for k, loc in enumerate(opt(note, "locations", list, nw) or []):
                    location(loc, "%s.locations[%d]" % (nw, k), base_ids)
        for i, result in enumerate(opt(run, "results", list, where) or []):
            rw = "%s.results[%d]" % (where, i)
            msg = need(result, "message", dict, rw)
            if msg is not None:
                message(msg, rw + ".message")
            rule_id = opt(result, "ruleId", str, rw)
            index = opt(result, "ruleIndex", int, rw)
            if index is not None and not (0 <= index < len(rules) and rules[index].get("id") == rule_id):
                problems.append("%s.ruleIndex: %d does not name rule '%s'" % (rw, index, rule_id))
            if opt(result, "level", str, rw) not in (None,) + tuple(LEVELS):
                problems.append("%s.level: not one of %s" % (rw, sorted(LEVELS)))
            for key in ("locations", "relatedLocations"):
                for j, loc in enumerate(opt(result, key, list, rw) or []):
                    location(loc, "%s.%s[%d]" % (rw, key, j), base_ids)
            fingerprints = opt(result, "partialFingerprints", dict, rw) or {}
            for name, value in fingerprints.items():
                if not isinstance(value, str):
                    problems.append("%s.partialFingerprints.%s: expected str" % (rw, name))
            for j, sup in enumerate(opt(result, "suppressions", list, rw) or []):
                if need(sup, "kind", str, "%s.suppressions[%d]" % (rw, j)) not in (None, "inSource", "external"):
                    problems.append("%s.suppressions[%d].kind: not an allowed value" % (rw, j))
            for j, fix in enumerate(opt(result, "fixes", list, rw) or []):
                fw = "%s.fixes[%d]" % (rw, j)
                changes = need(fix, "artifactChanges", list, fw) or []
                if not changes:
                    problems.append("%s.artifactChanges: needs at least one item" % fw)
                for k, change in enumerate(changes):
                    cw = "%s.artifactChanges[%d]" % (fw, k)
                    loc = need(change, "artifactLocation", dict, cw)
                    if loc is not None:
                        artifact_location(loc, cw + ".artifactLocation", base_ids)
                    replacements = need(change, "replacements", list, cw) or []
                    if not replacements:
                        problems.append("%s.replacements: needs at least one item" % cw)
                    for m, rep in enumerate(replacements):
                        pw = "%s.replacements[%d]" % (cw, m)
                        deleted = need(rep, "deletedRegion", dict, pw)
                        if deleted is not None:
                            region(deleted, pw + ".deletedRegion")
                        inserted = opt(rep, "insertedContent", dict, pw)
                        if inserted is not None:
                            opt(inserted, "text", str, pw + ".insertedContent")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("valid")


if __name__ == "__main__":
    main()
