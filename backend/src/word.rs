//! The overview report as a Word document (DOCX, by `docx-rs`): a title, each section's
//! heading and its paragraphs numbered through the report, and the merged chronology as an
//! appendix table.
use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering, NumberingId, Paragraph,
    Run, Start, Style, StyleType, Table, TableCell, TableRow,
};
use shared::cspr::MergedRef;
use shared::overview::document::paragraphs;
use shared::overview::ReportVersion;

/// The appendix table's columns.
pub const CHRONOLOGY_COLUMNS: [&str; 7] = ["Date", "Time", "Agency", "Event", "Source", "Practitioner role", "Outcome"];

/// The heading of the appendix.
pub const APPENDIX_HEADING: &str = "Appendix: merged chronology";

fn text(s: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(s))
}

fn cell(s: &str) -> TableCell {
    TableCell::new().add_paragraph(text(s))
}

/// The document's bytes.
pub fn overview_docx(title: &str, version: &ReportVersion, chronology: &[MergedRef<'_>]) -> Result<Vec<u8>, String> {
    let numbered =
        Level::new(0, Start::new(1), NumberFormat::new("decimal"), LevelText::new("%1."), LevelJc::new("left"));
    let mut doc = Docx::new()
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").bold().size(40))
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1").bold().size(32))
        .add_abstract_numbering(AbstractNumbering::new(1).add_level(numbered))
        .add_numbering(Numbering::new(1, 1))
        .add_paragraph(text(title).style("Title"))
        .add_paragraph(text(&format!("Version {}, saved {}", version.version, version.saved_on.format("%-d %B %Y"))));
    for section in &version.sections {
        doc = doc.add_paragraph(text(&section.heading).style("Heading1"));
        for p in paragraphs(&section.text) {
            doc = doc.add_paragraph(text(p.text.trim()).numbering(NumberingId::new(1), IndentLevel::new(0)));
        }
    }
    doc = doc.add_paragraph(text(APPENDIX_HEADING).style("Heading1"));
    if chronology.is_empty() {
        doc = doc.add_paragraph(text("No agency's chronology was submitted."));
    } else {
        let mut rows = vec![TableRow::new(CHRONOLOGY_COLUMNS.iter().map(|c| cell(c)).collect())];
        for e in chronology {
            let date = e.date.format("%d/%m/%Y").to_string();
            let time = e.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
            rows.push(TableRow::new(vec![
                cell(&date),
                cell(&time),
                cell(e.agency_name),
                cell(e.event),
                cell(e.source),
                cell(e.practitioner_role),
                cell(e.outcome),
            ]));
        }
        doc = doc.add_table(Table::new(rows));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
