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

fn heading_styles(doc: Docx) -> Docx {
    doc.add_style(Style::new("Title", StyleType::Paragraph).name("Title").bold().size(40))
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1").bold().size(32))
}

fn pack(doc: Docx) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// A 6-step learning briefing: its title, then each step's heading and paragraphs.
pub fn briefing_docx(title: &str, subtitle: &str, steps: &[shared::overview::Section]) -> Result<Vec<u8>, String> {
    let mut doc = heading_styles(Docx::new()).add_paragraph(text(title).style("Title")).add_paragraph(text(subtitle));
    for (i, step) in steps.iter().enumerate() {
        doc = doc.add_paragraph(text(&format!("{}. {}", i + 1, step.heading)).style("Heading1"));
        for p in paragraphs(&step.text) {
            doc = doc.add_paragraph(text(p.text.trim()));
        }
    }
    pack(doc)
}

/// The quarterly quality assurance report: actions by agency as a table, then the briefings
/// and reviews.
pub fn quality_docx(title: &str, report: &shared::learning::QualityReport) -> Result<Vec<u8>, String> {
    let mut doc = heading_styles(Docx::new()).add_paragraph(text(title).style("Title"));
    doc = doc.add_paragraph(text("Actions by agency").style("Heading1"));
    let mut rows = vec![TableRow::new(["Agency", "Opened", "Closed", "Overdue"].iter().map(|c| cell(c)).collect())];
    for r in report.actions.iter().chain(std::iter::once(&report.total)) {
        rows.push(TableRow::new(vec![
            cell(&r.agency),
            cell(&r.opened.to_string()),
            cell(&r.closed.to_string()),
            cell(&r.overdue.to_string()),
        ]));
    }
    doc = doc.add_table(Table::new(rows));
    doc = doc.add_paragraph(text("Briefings and reviews").style("Heading1"));
    let r = &report.reviews;
    for line in [
        format!("Learning briefings published: {}", report.briefings_published),
        format!("Rapid Reviews started: {}", r.rapid_reviews_started),
        format!("Rapid Reviews finished (report to the National Panel): {}", r.rapid_reviews_finished),
        format!("Local CSPRs started: {}", r.csprs_started),
        format!("Local CSPRs finished (final report to the National Panel): {}", r.csprs_finished),
    ] {
        doc = doc.add_paragraph(text(&line));
    }
    pack(doc)
}
