from pipelines.markdown_tables import is_rule, table_cells


def test_cells_of_a_table_line_and_none_for_other_lines():
    assert table_cells("| Monday | 18:00 | **Vinyasa** |") == ["Monday", "18:00", "**Vinyasa**"]
    assert table_cells("  |a||b|  ") == ["a", "", "b"]
    assert table_cells("Monday | 18:00") is None
    assert table_cells("|") is None
    assert table_cells("") is None


def test_the_rule_under_a_header():
    assert is_rule(table_cells("|---|:---:|---:|"))
    assert is_rule(table_cells("| --- | :--- |"))
    assert not is_rule(table_cells("| -- | --- |"))  # two dashes are no rule
    assert not is_rule(table_cells("| 7 | Emergency stop |"))
    assert not is_rule(None)
    assert not is_rule([])
