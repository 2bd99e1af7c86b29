import itertools

import pytest

from pipelines.chunking import ChunkingOptions, chunk_sections
from schemas.kb import TableSection, TextSection


def words(text: str) -> int:
    return len(text.split())


def test_short_sections_under_one_heading_share_a_chunk_with_pages():
    sections = [TextSection(text="Open Monday to Friday.", page=1, heading="Hours"),
                TextSection(text="Closed on public holidays.", page=2, heading="Hours")]
    chunks = chunk_sections(sections, words, ChunkingOptions(max_tokens=50, overlap_tokens=0))
    assert len(chunks) == 1
    assert chunks[0].content == "Hours\nOpen Monday to Friday.\nClosed on public holidays."
    assert chunks[0].metadata == {"kind": "text", "heading": "Hours", "page_start": 1, "page_end": 2}


def test_a_new_heading_starts_a_new_chunk():
    sections = [TextSection(text="We ship worldwide.", heading="Shipping"),
                TextSection(text="Returns within 30 days.", heading="Returns")]
    chunks = chunk_sections(sections, words, ChunkingOptions(max_tokens=50, overlap_tokens=0))
    assert [c.metadata["heading"] for c in chunks] == ["Shipping", "Returns"]
    assert [c.ordinal for c in chunks] == [0, 1]


def test_no_chunk_exceeds_the_limit_and_nothing_is_lost():
    paragraph = " ".join(f"Sentence {i} talks about product number {i} in detail." for i in range(60))
    text = "\n\n".join([paragraph, "Short closing paragraph."])
    options = ChunkingOptions(max_tokens=40, overlap_tokens=0)
    chunks = chunk_sections([TextSection(text=text)], words, options)
    assert all(c.tokens <= 40 for c in chunks)
    joined = " ".join(c.content for c in chunks).split()
    assert joined == text.split()


def test_sentences_are_kept_whole_when_they_fit():
    text = "The first sentence is right here. A second sentence follows it closely. A third one ends it all."
    chunks = chunk_sections([TextSection(text=text)], words, ChunkingOptions(max_tokens=16, overlap_tokens=0))
    assert [c.content for c in chunks] == [
        "The first sentence is right here.\nA second sentence follows it closely.",
        "A third one ends it all."]


def test_overlap_repeats_the_tail_of_the_previous_chunk():
    text = " ".join(f"Fact {i} is true." for i in range(12))
    chunks = chunk_sections([TextSection(text=text)], words, ChunkingOptions(max_tokens=16, overlap_tokens=4))
    assert len(chunks) > 2
    for before, after in itertools.pairwise(chunks):
        assert after.content.split("\n")[0] == before.content.split("\n")[-1]


def test_an_overlong_word_is_cut_by_characters():
    counter = lambda s: len(s) // 4 + 1  # noqa: E731 (a tokenizer where long words cost many tokens)
    chunks = chunk_sections([TextSection(text="x" * 500)], counter, ChunkingOptions(max_tokens=20, overlap_tokens=0))
    assert all(c.tokens <= 20 for c in chunks)
    assert "".join(c.content for c in chunks) == "x" * 500


def test_tables_repeat_column_names_in_row_groups():
    table = TableSection(columns=["Product", "Price"], sheet="Prices",
                         rows=[[f"Widget {i}", f"{i}.50"] for i in range(20)])
    chunks = chunk_sections([table], words, ChunkingOptions(max_tokens=200, table_rows_per_chunk=8))
    assert len(chunks) == 3
    assert chunks[0].content.startswith("Prices\nProduct: Widget 0; Price: 0.50")
    assert chunks[0].metadata == {"kind": "table", "row_start": 2, "row_end": 9, "sheet": "Prices",
                                  "columns": ["Product", "Price"]}
    assert chunks[2].metadata["row_end"] == 21
    assert "Product: Widget 19; Price: 19.50" in chunks[2].content


def test_table_rows_skip_empty_cells_and_name_unnamed_columns():
    table = TableSection(columns=["Item", ""], rows=[["Mug", "", "red"], ["", ""]])
    chunks = chunk_sections([table], words)
    assert [c.content for c in chunks] == ["Item: Mug; Column 3: red"]


def test_text_and_tables_interleave_in_order():
    sections = [TextSection(text="Intro text."), TableSection(columns=["A"], rows=[["1"]]),
                TextSection(text="Outro text.")]
    assert [c.metadata["kind"] for c in chunk_sections(sections, words)] == ["text", "table", "text"]


def test_chunking_is_deterministic():
    sections = [TextSection(text=" ".join(f"Line {i}." for i in range(300)), page=3, heading="H")]
    options = ChunkingOptions(max_tokens=30, overlap_tokens=5)
    assert chunk_sections(sections, words, options) == chunk_sections(sections, words, options)


def test_empty_input_gives_no_chunks():
    assert chunk_sections([TextSection(text="  \n\n ")], words) == []


@pytest.mark.parametrize("kwargs", [{"max_tokens": 8}, {"max_tokens": 40, "overlap_tokens": 30},
                                    {"table_rows_per_chunk": 0}])
def test_bad_options_are_refused(kwargs):
    with pytest.raises(ValueError):
        ChunkingOptions(**kwargs)


def test_a_non_additive_tokenizer_is_caught():
    counter = lambda s: len(s.split()) * (3 if "\n" in s else 1)  # noqa: E731
    with pytest.raises(ValueError, match="above"):
        chunk_sections([TextSection(text="a b c d e f.\n\ng h i j k l.")], counter,
                       ChunkingOptions(max_tokens=16, overlap_tokens=0))


def test_batch_counter_gives_the_same_chunks_with_fewer_calls():
    calls = {"one": 0, "many": 0}

    def one(text):
        calls["one"] += 1
        return words(text)

    def many(texts):
        calls["many"] += 1
        return [words(t) for t in texts]

    sections = [TextSection(text="\n\n".join(f"Paragraph {i} has a few words." for i in range(50)), heading="H")]
    options = ChunkingOptions(max_tokens=30, overlap_tokens=5)
    plain = chunk_sections(sections, words, options)
    batched = chunk_sections(sections, one, options, count_many=many)
    assert batched == plain
    assert calls["many"] == 2 and calls["one"] <= 2  # the heading prefix only


def test_a_markdown_table_keeps_one_row_a_line_while_prose_lines_run_together():
    text = "Classes run\nall year.\n| Day | Time |\n|---|---|\n| Monday | 18:00 |\nCome\nearly."
    [chunk] = chunk_sections([TextSection(text=text, heading="Timetable")], words)
    assert chunk.content == (
        "Timetable\nClasses run all year.\n| Day | Time |\n|---|---|\n| Monday | 18:00 |\nCome early."
    )


def test_a_list_keeps_one_item_a_line_and_a_wrapped_item_runs_together():
    text = "Our classes:\n- **Hatha**: slow. The best class\n  to start with.\n- **Vinyasa**: fast.\n1. Book\n2) Come"
    [chunk] = chunk_sections([TextSection(text=text, heading="Classes")], words)
    assert chunk.content == (
        "Classes\nOur classes:\n- **Hatha**: slow. The best class to start with.\n"
        "- **Vinyasa**: fast.\n1. Book\n2) Come"
    )


def _mixed_document() -> list:
    paragraph = " ".join(f"Sentence {i} talks about product number {i} in detail." for i in range(40))
    return [TextSection(text="Open Monday to Friday.\n\nClosed on public holidays.", heading="Hours", parents=["Shop"]),
            TextSection(text="\n\n".join([paragraph, "x" * 300, "Short closing paragraph."]), heading="Products"),
            TableSection(columns=["Item", "Price"], rows=[["Espresso", "2.50"], ["Latte " * 30, "3.10"]], sheet="Menu"),
            TextSection(text=" ".join(f"Fact {i} is true." for i in range(30)))]


@pytest.mark.parametrize("options", [ChunkingOptions(max_tokens=16, overlap_tokens=4),
                                     ChunkingOptions(max_tokens=40, overlap_tokens=0)])
def test_counts_that_add_up_give_the_chunks_and_counts_of_counting_each_chunk_whole(options):
    whole = chunk_sections(_mixed_document(), words, options)
    summed = chunk_sections(_mixed_document(), words, options, counts_add_up=True)
    assert [(c.content, c.metadata, c.tokens) for c in summed] == [(c.content, c.metadata, c.tokens) for c in whole]
    assert [c.tokens for c in summed] == [words(c.content) for c in summed]


def test_counts_that_add_up_are_not_counted_again_chunk_by_chunk():
    counted: list[str] = []

    def many(texts: list[str]) -> list[int]:
        counted.extend(texts)
        return [words(t) for t in texts]

    chunks = chunk_sections(_mixed_document(), words, ChunkingOptions(max_tokens=40, overlap_tokens=0), many,
                            counts_add_up=True)
    assert not {c.content for c in chunks} & set(counted)  # the paragraphs were counted, the chunks not again
    counted.clear()
    chunks = chunk_sections(_mixed_document(), words, ChunkingOptions(max_tokens=40, overlap_tokens=0), many)
    assert {c.content for c in chunks} <= set(counted)
