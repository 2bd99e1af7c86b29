"""Answer-quality evaluation: reading a suite's cases, judging what the pipeline did with each, and the figures.

Pure: the runner (services/usecases/evaluation.py) sends the cases and hands back what it read from each message's
trace and replies; everything measured is computed here, so it can be checked without a pipeline.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from pipelines.intent import SMALL_TALK

KINDS = ("question", "intent", "out_of_scope")
SPLITS = ("dev", "test")
LABEL = re.compile(r"^(Response|HumanHandoff|Task:[a-z][a-z0-9_]{0,62}|Answer:[a-z][a-z0-9_]{0,62})$")
# What the respond stage wrote before it recorded "abstained" explicitly.
LEGACY_ABSTENTIONS = ("abstained", "nothing relevant in the knowledge base")


@dataclass(frozen=True)
class Case:
    number: int  # 1-based line in cases.jsonl: how a miss is found again
    kind: str
    text: str
    split: str
    facts: tuple[str, ...] = ()
    source: str | None = None
    label: str | None = None

    @property
    def expected_label(self) -> str:
        """Questions, answerable or not, are never tasks: their intent is Response."""
        return self.label if self.kind == "intent" and self.label else "Response"


class SuiteError(ValueError):
    """A suite that cannot be run as written; the message says where."""


def parse_cases(lines: Iterable[str], *, where: str = "cases.jsonl") -> list[Case]:
    cases: list[Case] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            cases.append(_case(number, json.loads(line)))
        except (json.JSONDecodeError, ValueError, TypeError) as exc:
            problems.append(f"{where}:{number}: {exc}")
    if problems:
        raise SuiteError("\n".join(problems[:20]))
    if not cases:
        raise SuiteError(f"{where}: no cases")
    return cases


def _case(number: int, data: object) -> Case:
    if not isinstance(data, dict):
        raise ValueError("each line must be one JSON object")
    kind, text, split = data.get("kind"), data.get("text"), data.get("split", "dev")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text must be a non-empty string")
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")
    facts: tuple[str, ...] = ()
    source: str | None = None
    label: str | None = None
    if kind == "question":
        listed = data.get("facts")
        if not isinstance(listed, list) or not listed or not all(isinstance(f, str) and f.strip() for f in listed):
            raise ValueError("a question needs facts: a list of non-empty strings")
        named = data.get("source")
        if not isinstance(named, str) or not named:
            raise ValueError("a question needs the source document's filename")
        facts, source = tuple(listed), named
    if kind == "intent":
        labelled = data.get("label")
        if not isinstance(labelled, str) or not LABEL.match(labelled):
            raise ValueError("label must be Response, HumanHandoff, Task:<task_type> or Answer:<key>")
        label = labelled
    return Case(number, kind, text.strip(), split, facts, source, label)


def select(cases: Sequence[Case], split: str = "all", limit: int | None = None) -> list[Case]:
    """The cases of one split (or all), at most `limit` of them taken in turn from each kind and, within a
    kind, from each label (intents) or source document (questions), so a short run still measures
    retrieval, every intent and abstention."""
    chosen = [c for c in cases if split in ("all", c.split)]
    if limit is None or limit >= len(chosen):
        return chosen
    queues: dict[str, dict[str, list[Case]]] = {kind: {} for kind in KINDS}
    for c in chosen:
        queues[c.kind].setdefault(c.label or c.source or "", []).append(c)
    turns = {kind: _in_turn(groups) for kind, groups in queues.items()}
    picked: list[Case] = []
    while len(picked) < limit:
        for kind in KINDS:
            if turns[kind] and len(picked) < limit:
                picked.append(turns[kind].pop(0))
    return sorted(picked, key=lambda c: c.number)


def _in_turn(groups: dict[str, list[Case]]) -> list[Case]:
    """One of each group, then the second of each, and so on."""
    order: list[Case] = []
    depth = max((len(g) for g in groups.values()), default=0)
    for index in range(depth):
        order += [g[index] for g in groups.values() if index < len(g)]
    return order


# --- what the pipeline did --------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one case's message came to, as read back from its inbox row (or the in-process decision)."""

    case: Case
    status: str  # the inbox row's final status (answered, handed_off, ignored, failed, timeout)
    label: str | None  # the intent decided
    documents: tuple[str, ...] = ()  # the ranking before the abstention decision, best first
    answer: str | None = None  # trace.respond.answer
    replies: tuple[str, ...] = ()
    intent_detail: str = ""  # the classifier's own summary (scores), for misses
    scores: tuple[float, ...] = ()

    @property
    def reply(self) -> str:
        return "\n".join(self.replies)

    @property
    def scored_label(self) -> str | None:
        """The label as the suites name it: Salesboy's own small talk (Answer:greeting, …) is a Response,
        answered with no action, as the suites labelled "hello!" before the bot had small talk."""
        return "Response" if self.label in SMALL_TALK else self.label

    @property
    def abstained(self) -> bool:
        """The bot said it does not know (or handed the chat to a person) instead of answering."""
        if self.status == "handed_off":
            return True
        return (self.answer or "") in LEGACY_ABSTENTIONS


def label_from_trace(intent_trace: Mapping[str, Any] | None) -> str | None:
    """trace.intent.label, else what intent + task_type say."""
    if not intent_trace:
        return None
    if intent_trace.get("label"):
        return str(intent_trace["label"])
    kind = intent_trace.get("intent")
    if kind == "Task" and intent_trace.get("task_type"):
        return f"Task:{intent_trace['task_type']}"
    return str(kind) if kind else None


def ranked_from_trace(respond_trace: Mapping[str, Any] | None) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """trace.respond.ranked documents (best first), else the sources of the passages kept."""
    if not respond_trace:
        return (), ()
    ranked = respond_trace.get("ranked")
    if ranked:
        return (tuple(str(r.get("document", "")) for r in ranked),
                tuple(float(r.get("score", 0.0)) for r in ranked))
    chunks = respond_trace.get("chunks") or []
    # "faq.md (section Delivery)": the filename is what comes before the location.
    return (tuple(str(c.get("source", "")).rsplit(" (", 1)[0] for c in chunks),
            tuple(float(c.get("score", 0.0)) for c in chunks))


def outcome_from_trace(case: Case, status: str, stages: Mapping[str, Any] | None, replies: Sequence[str]) -> Outcome:
    stages = stages or {}
    intent_trace = stages.get("intent") or {}
    respond_trace = stages.get("respond") or {}
    documents, scores = ranked_from_trace(respond_trace)
    return Outcome(case=case, status=status, label=label_from_trace(intent_trace), documents=documents,
                   scores=scores, answer=respond_trace.get("answer"), replies=tuple(replies),
                   intent_detail=str(intent_trace.get("analysis") or intent_trace.get("skipped") or ""))


# --- judging -----------------------------------------------------------------------------------------


def normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def contains_fact(reply: str, facts: Sequence[str]) -> bool:
    said = normalised(reply)
    return any(normalised(fact) in said for fact in facts)


def hit_at(outcome: Outcome, k: int = 3) -> bool:
    return outcome.case.source is not None and outcome.case.source in outcome.documents[:k]


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


@dataclass
class Figures:
    cases: int = 0
    questions: int = 0
    hit_at_3: float | None = None
    fact: float | None = None
    intent_cases: int = 0
    intent_accuracy: float | None = None
    out_of_scope: int = 0
    oos_abstention: float | None = None
    false_abstention: float | None = None
    not_finished: int = 0  # ignored, failed or timed out: counted as misses everywhere they apply


def figures(outcomes: Sequence[Outcome]) -> Figures:
    questions = [o for o in outcomes if o.case.kind == "question"]
    oos = [o for o in outcomes if o.case.kind == "out_of_scope"]
    return Figures(
        cases=len(outcomes),
        questions=len(questions),
        hit_at_3=_rate(sum(hit_at(o) for o in questions), len(questions)),
        fact=_rate(sum(contains_fact(o.reply, o.case.facts) for o in questions), len(questions)),
        intent_cases=len(outcomes),
        intent_accuracy=_rate(sum(o.scored_label == o.case.expected_label for o in outcomes), len(outcomes)),
        out_of_scope=len(oos),
        oos_abstention=_rate(sum(o.abstained for o in oos), len(oos)),
        false_abstention=_rate(sum(o.abstained for o in questions), len(questions)),
        not_finished=sum(o.status not in ("answered", "handed_off") for o in outcomes),
    )


def confusion(outcomes: Sequence[Outcome]) -> dict[str, dict[str, int]]:
    """Expected label -> decided label -> count."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        table[o.case.expected_label][o.scored_label or "(none)"] += 1
    return {expected: dict(sorted(got.items())) for expected, got in sorted(table.items())}


def trace_summary(outcome: Outcome, reply_chars: int = 160) -> str:
    parts = [f"status={outcome.status}", f"intent={outcome.label or '-'}"]
    if outcome.intent_detail:
        parts.append(f"({outcome.intent_detail})")
    if outcome.documents:
        ranked = ", ".join(f"{d} {outcome.scores[i]:.2f}" if i < len(outcome.scores) else d
                           for i, d in enumerate(outcome.documents[:3]))
        parts.append(f"ranked=[{ranked}]")
    if outcome.answer:
        parts.append(f"answer={outcome.answer}")
    reply = " ".join(outcome.reply.split())
    if reply:
        parts.append(f"reply={reply[:reply_chars]!r}" + ("…" if len(reply) > reply_chars else ""))
    return " ".join(parts)


@dataclass(frozen=True)
class Miss:
    case: int
    kind: str
    split: str
    text: str
    what: str  # which check failed: intent, hit@3, fact, abstention, false abstention
    expected: str
    got: str
    trace: str


def misses(outcomes: Sequence[Outcome]) -> list[Miss]:
    found: list[Miss] = []
    for o in outcomes:
        c = o.case
        summary = trace_summary(o)

        def miss(what: str, expected: str, got: str, c: Case = c, summary: str = summary) -> None:
            found.append(Miss(c.number, c.kind, c.split, c.text, what, expected, got, summary))

        if o.scored_label != c.expected_label:
            miss("intent", c.expected_label, o.label or "(none)")
        if c.kind == "question":
            if not hit_at(o):
                miss("hit@3", c.source or "", ", ".join(o.documents[:3]) or "(no ranking)")
            if not contains_fact(o.reply, c.facts):
                miss("fact", " | ".join(c.facts), o.reply[:200] or "(no reply)")
            if o.abstained:
                miss("false abstention", "an answer", o.answer or o.status)
        if c.kind == "out_of_scope" and not o.abstained:
            miss("abstention", "abstained", o.answer or o.label or o.status)
    return found


@dataclass
class Report:
    suite: str
    method: str
    split: str
    figures: dict[str, Figures]  # "all", "dev", "test"
    confusion: dict[str, dict[str, int]]
    misses: list[Miss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"suite": self.suite, "method": self.method, "split": self.split,
                "figures": {name: asdict(f) for name, f in self.figures.items()},
                "confusion": self.confusion, "misses": [asdict(m) for m in self.misses], "notes": self.notes}


def report(suite: str, method: str, split: str, outcomes: Sequence[Outcome], notes: Sequence[str] = ()) -> Report:
    per_split = {"all": figures(outcomes)}
    for name in SPLITS:
        part = [o for o in outcomes if o.case.split == name]
        if part:
            per_split[name] = figures(part)
    return Report(suite, method, split, per_split, confusion(outcomes), misses(outcomes), list(notes))


# --- reading it -------------------------------------------------------------------------------------

ROWS = (("hit@3", "hit_at_3", "questions"), ("answer contains fact", "fact", "questions"),
        ("intent accuracy", "intent_accuracy", "intent_cases"),
        ("out-of-scope abstention", "oos_abstention", "out_of_scope"),
        ("false abstention (answerable)", "false_abstention", "questions"))


def _cell(value: float | None, total: int) -> str:
    return "-" if value is None else f"{value:.3f} (n={total})"


def render(result: Report, *, max_misses: int = 40) -> str:
    columns = [name for name in ("all", "dev", "test") if name in result.figures]
    lines = [f"suite {result.suite}: {result.figures['all'].cases} case(s), split {result.split}",
             f"method: {result.method}"]
    lines += [f"note: {n}" for n in result.notes]
    width = 32
    lines.append("")
    lines.append("".ljust(width) + "".join(c.ljust(18) for c in columns))
    for title, attr, count in ROWS:
        lines.append(title.ljust(width) + "".join(
            _cell(getattr(result.figures[c], attr), getattr(result.figures[c], count)).ljust(18) for c in columns))
    unfinished = result.figures["all"].not_finished
    if unfinished:
        lines.append(f"{unfinished} message(s) never reached answered/handed_off (ignored, failed or timed out)")
    labels = sorted({g for row in result.confusion.values() for g in row} | set(result.confusion))
    if len(labels) <= 12:
        lines += ["", "intent confusion (rows: expected, columns: decided)"]
        short = [label.replace("Task:", "T:")[:16] for label in labels]
        lines.append("".ljust(22) + "".join(s.rjust(17) for s in short))
        for expected in labels:
            row = result.confusion.get(expected, {})
            if row:
                lines.append(expected[:21].ljust(22) + "".join(str(row.get(got, 0) or ".").rjust(17) for got in labels))
    else:
        worst = sorted(((sum(v for g, v in row.items() if g != e), e) for e, row in result.confusion.items()),
                       reverse=True)[:10]
        lines += ["", "most confused expected labels (wrong / total)"]
        lines += [f"  {e}: {wrong}/{sum(result.confusion[e].values())}" for wrong, e in worst if wrong]
    lines += ["", f"misses: {len(result.misses)}"]
    for m in result.misses[:max_misses]:
        lines.append(f"  #{m.case} [{m.split} {m.kind}] {m.what}: expected {m.expected!r}, got {m.got[:120]!r}")
        lines.append(f"      text: {m.text[:160]}")
        lines.append(f"      trace: {m.trace}")
    if len(result.misses) > max_misses:
        lines.append(f"  … and {len(result.misses) - max_misses} more (--json lists them all)")
    return "\n".join(lines)


# --- BANKING77 as a few-shot suite ------------------------------------------------------------------


def intent_key(category: str) -> str:
    """A dataset category as a business-defined intent key (^[a-z][a-z0-9_]{0,62}$)."""
    key = re.sub(r"[^a-z0-9_]+", "_", category.lower()).strip("_")
    if not key or not key[0].isalpha():
        key = "c_" + key
    return key[:63]


def few_shot_suite(train: Sequence[tuple[str, str]], test: Sequence[tuple[str, str]], *,
                   per_intent: int = 10) -> tuple[list[dict[str, Any]], list[Case]]:
    """The first `per_intent` training rows of each category (in file order) become that intent's examples;
    every test row is an intent case labelled Answer:<key>. Returns (intents, cases)."""
    examples: dict[str, list[str]] = {}
    for text, category in train:
        bucket = examples.setdefault(category, [])
        if len(bucket) < per_intent:
            bucket.append(text.strip())
    keys = {category: intent_key(category) for category in examples}
    if len(set(keys.values())) != len(keys):
        raise SuiteError("two categories map to the same intent key")
    intents = [{"key": keys[c], "name": c, "kind": "answer", "examples": texts, "description": ""}
               for c, texts in examples.items()]
    cases = []
    for number, (text, category) in enumerate(test, start=1):
        if category not in keys:
            raise SuiteError(f"test row {number}: category {category!r} has no training examples")
        cases.append(Case(number, "intent", text.strip(), "test", label=f"Answer:{keys[category]}"))
    return intents, cases
