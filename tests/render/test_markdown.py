import re

from docgen.render.markdown import render, render_inline


def styles(xml):
    return re.findall(r'<w:p>(?:<w:pPr><w:pStyle w:val="([^"]+)"/></w:pPr>)?', xml)


def texts(xml):
    return ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p>.*?</w:p>", xml)]


def test_paragraphs_bullets_and_headings():
    xml = render("Første afsnit.\n\nAndet\nafsnit.\n\n- et\n- to\n  - under\n\n### Overskrift\n\nSlut.").xml
    assert texts(xml) == ["Første afsnit.", "Andet afsnit.", "et", "to", "under", "Overskrift", "Slut."]
    assert styles(xml) == ["", "", "ListBullet", "ListBullet", "ListBullet2", "Heading3", ""]


def test_headings_in_tables_use_the_table_style():
    assert styles(render("### Faglighed\n\nTekst", table=True).xml) == ["Mellemrubrik", ""]


def test_bold_and_italic_are_runs():
    xml = render("Et **fedt** og *kursivt* ord").xml
    assert '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">fedt</w:t>' in xml
    assert '<w:rPr><w:i/></w:rPr><w:t xml:space="preserve">kursivt</w:t>' in xml


def test_numbered_lines_stay_as_written():
    # Danish prose starts lines with ordinals: "9. klasses afgangseksamen"
    assert texts(render("9. klasses afgangseksamen åbner mange døre").xml) == ["9. klasses afgangseksamen åbner mange døre"]


def test_markup_comes_out_literally():
    xml = render("A & B <w:p> {{ 7*7 }} {% if %} ]]>").xml
    assert "&amp;" in xml and "&lt;w:p&gt;" in xml and "<w:p>" not in xml.replace("<w:p><w:r>", "", 1)
    assert texts(xml) == ["A &amp; B &lt;w:p&gt; {{ 7*7 }} {% if %} ]]&gt;"]


def test_entities_are_not_decoded():
    assert texts(render("Skriv &amp; og &lt;").xml) == ["Skriv &amp;amp; og &amp;lt;"]


def test_indented_text_is_not_code():
    assert texts(render("    indrykket tekst").xml) == ["indrykket tekst"]


def test_empty_text_still_gives_one_paragraph():
    assert render("").xml.count("<w:p>") == 1
    assert render(None).xml.count("<w:p>") == 1


def test_inline_joins_paragraphs():
    xml = render_inline("Chefer fra *kommunen*.\n\nOg boligselskaber.").xml
    assert "<w:p>" not in xml
    assert "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)) == "Chefer fra kommunen. Og boligselskaber."


TABLE = "Før.\n\n| 2021 | Husum | Hele Danmark |\n|---|--:|--:|\n| Oplever området som **trygt** | 68% | 93% |\n\nEfter."


def test_a_pipe_table_is_a_word_table_with_a_repeating_header():
    xml = render(TABLE).xml
    assert xml.count("<w:tbl>") == 1 and xml.count("<w:tr>") == 2
    table = xml[xml.index("<w:tbl>"):xml.index("</w:tbl>")]
    assert '<w:tblStyle w:val="TableGrid"/>' in table
    header, row = re.findall(r"<w:tr>.*?</w:tr>", table)
    assert "<w:tblHeader/>" in header and "<w:tblHeader/>" not in row
    assert "<w:cantSplit/>" in row  # a row never splits across pages
    assert header.count('w:val="Tabeloverskrift"') == 3 and row.count('w:val="Tabeltekst"') == 3
    # |--:| right-aligns the column; bold inside a cell stays bold
    assert row.count('<w:jc w:val="right"/>') == 2
    assert '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">trygt</w:t>' in row
    # the text before and after is still there, as paragraphs
    assert texts(xml[:xml.index("<w:tbl>")]) == ["Før."] and "Efter." in texts(xml[xml.index("</w:tbl>"):])


def test_table_columns_start_in_proportion_to_their_text():
    xml = render("| a | b |\n|---|---|\n| Kort | En meget længere tekst i denne kolonne |").xml
    first, second = map(int, re.findall(r'<w:gridCol w:w="(\d+)"/>', xml))
    assert second > 3 * first


def test_a_long_heading_wraps_rather_than_take_the_width_from_the_figures_under_it():
    # the strategic agreement's "Øvrige boligsociale hhp-områder" once took half the table
    xml = render("| 2021 | Husum | Øvrige boligsociale hhp-områder |\n|---|---|---|\n"
                 "| Oplever området som trygt | 68% | 75% |").xml
    first, second, third = map(int, re.findall(r'<w:gridCol w:w="(\d+)"/>', xml))
    assert first > third


def test_a_table_inside_a_box_is_narrower_than_the_page():
    body = re.search(r'<w:tblW w:w="(\d+)"', render(TABLE).xml).group(1)
    cell = re.search(r'<w:tblW w:w="(\d+)"', render(TABLE, table=True).xml).group(1)
    assert int(cell) < int(body)


def test_a_table_without_its_separator_line_stays_text():
    assert "<w:tbl>" not in render("| a | b |\n| c | d |").xml


# --- links: real Word hyperlinks that keep their address ------------------------

def linked(markdown: str, **kw):
    """The XML and the addresses a link callback was given (as rId1, rId2, …)."""
    addresses: list[str] = []

    def link(address: str) -> str:
        addresses.append(address)
        return f"rId{len(addresses)}"

    return render(markdown, link=link, **kw).xml, addresses


def test_a_link_is_a_hyperlink_with_its_address_and_the_link_style():
    xml, addresses = linked("Se [LBF-regulativet](https://lbf.dk/regulativ).")
    assert addresses == ["https://lbf.dk/regulativ"]
    assert ('<w:hyperlink r:id="rId1" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
            '<w:t xml:space="preserve">LBF-regulativet</w:t></w:r></w:hyperlink>') in xml
    assert texts(xml) == ["Se LBF-regulativet."]


def test_a_link_keeps_its_address_as_typed_its_title_and_its_emphasis():
    xml, addresses = linked('**[Fondens side](https://lbf.dk/æ?a=1&b=2 "Om & fonden")**')
    assert addresses == ["https://lbf.dk/æ?a=1&b=2"]  # not percent-encoded: it comes back the same
    assert 'w:tooltip="Om &amp; fonden"' in xml and "<w:b/>" in xml


def test_autolinks_and_an_empty_link_text_show_the_address():
    xml, addresses = linked("<https://lbf.dk> og <post@lbf.dk> og [](https://tom.dk)")
    assert addresses == ["https://lbf.dk", "mailto:post@lbf.dk", "https://tom.dk"]
    assert texts(xml) == ["https://lbf.dk og post@lbf.dk og https://tom.dk"]


def test_links_in_table_cells_and_inline_texts_are_hyperlinks_too():
    xml, addresses = linked("| Hvem | Hvor |\n|---|---|\n| LBF | [side](https://lbf.dk) |", table=True)
    assert addresses == ["https://lbf.dk"] and "<w:hyperlink" in xml
    assert "<w:hyperlink" in render_inline("[LBF](https://lbf.dk)", link=lambda a: "rId9").xml


def test_without_a_document_to_relate_to_the_address_is_written_out():
    assert texts(render("Se [LBF](https://lbf.dk).").xml) == ["Se LBF (https://lbf.dk)."]


def test_a_reference_definition_stays_text():
    assert texts(render("[lbf]: https://lbf.dk\n\nSe [LBF][lbf].").xml) == ["[lbf]: https://lbf.dk", "Se [LBF][lbf]."]
