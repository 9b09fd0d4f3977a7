//! An import file as rows: UTF-8 (with or without a BOM), `,` `;` or tab
//! between fields (read off the header line), header names in any case,
//! at most 50,000 data rows and 10 MB. The `csv` crate reads; this module
//! only says what each field means. A file that cannot be read at all is
//! a 422 (or a 413); a row that cannot be used is an invalid row.

use api::import::{HEADER, MAX_BYTES, MAX_ROWS};
use permissions::import::Row;

use crate::error::{ApiError, ApiResult};
use crate::validate::{self, Email};

/// One data row: what the plan decides over, and what a commit writes.
#[derive(Clone, Debug)]
pub struct Line {
    /// The row as plan facts.
    pub row: Row,
    /// The address as the file gives it (trimmed).
    pub email: String,
    /// The display name, if given and valid.
    pub name: Option<String>,
    /// The invitation message, if given and valid.
    pub message: Option<String>,
}

/// A refusal of one field, as the row's reason reads it.
fn said(e: &ApiError) -> String {
    match e {
        ApiError::Invalid { field, message } => format!("{field}: {message}"),
        other => other.to_string(),
    }
}

fn unreadable(message: impl Into<String>) -> ApiError {
    ApiError::invalid("file", message)
}

/// The delimiter the header line uses most: `,`, `;` or tab.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (header.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// Reads a whole file.
pub fn read(bytes: &[u8]) -> ApiResult<Vec<Line>> {
    if bytes.len() > MAX_BYTES {
        return Err(ApiError::FileTooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| unreadable("is not UTF-8 text: save it as \"CSV UTF-8\""))?;
    if text.trim().is_empty() {
        return Err(unreadable(format!(
            "is empty: the first line names the columns ({})",
            HEADER.join(",")
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let columns = columns(&mut reader)?;
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(format!("cannot be read as CSV: {e}")))?;
        if lines.len() == MAX_ROWS {
            return Err(ApiError::FileTooLarge);
        }
        let line = record
            .position()
            .and_then(|p| u32::try_from(p.line()).ok())
            .unwrap_or(u32::MAX);
        lines.push(parse(&columns, &record, line));
    }
    Ok(lines)
}

/// Each header field as its index in [`HEADER`].
fn columns(reader: &mut csv::Reader<&[u8]>) -> ApiResult<Vec<usize>> {
    let header = reader
        .headers()
        .map_err(|e| unreadable(format!("cannot be read as CSV: {e}")))?;
    let mut columns = Vec::with_capacity(header.len());
    for name in header {
        let name = name.trim().to_ascii_lowercase();
        let Some(i) = HEADER.iter().position(|h| *h == name) else {
            return Err(unreadable(format!(
                "has a column \"{name}\" Roster does not know; the columns are {}",
                HEADER.join(", ")
            )));
        };
        if columns.contains(&i) {
            return Err(unreadable(format!("names the column \"{name}\" twice")));
        }
        columns.push(i);
    }
    if !columns.contains(&0) {
        return Err(unreadable(format!(
            "has no \"email\" column; the columns are {}",
            HEADER.join(", ")
        )));
    }
    Ok(columns)
}

/// One record as a line; what is wrong with its text goes in `problem`.
fn parse(columns: &[usize], record: &csv::StringRecord, line: u32) -> Line {
    let field = |name: &str| {
        let i = HEADER.iter().position(|h| *h == name);
        columns
            .iter()
            .position(|c| Some(*c) == i)
            .and_then(|at| record.get(at))
            .map(str::trim)
            .unwrap_or_default()
    };
    let raw_email = field("email");
    let mut problems = Vec::new();
    if record.len() != columns.len() {
        problems.push(format!(
            "has {} fields; the header has {}",
            record.len(),
            columns.len()
        ));
    }
    let email = match Email::parse(raw_email) {
        Ok(e) => e.folded(),
        Err(_) => {
            problems.push(format!("\"{raw_email}\" is not an email address"));
            raw_email.to_ascii_lowercase()
        }
    };
    let name = Some(field("name")).filter(|n| !n.is_empty()).and_then(|n| {
        match validate::name("name", n) {
            Ok(n) => Some(n),
            Err(e) => {
                problems.push(said(&e));
                None
            }
        }
    });
    let message = match validate::message(Some(field("message"))) {
        Ok(m) => m,
        Err(e) => {
            problems.push(said(&e));
            None
        }
    };
    let list = |s: &str| -> Vec<String> {
        s.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut projects = Vec::new();
    for p in list(field("projects")) {
        match p.rsplit_once(':') {
            Some((project, role)) => projects.push((project.to_string(), role.to_string())),
            None => problems.push(format!("projects: write \"{p}\" as project:role")),
        }
    }
    Line {
        row: Row {
            line,
            email,
            problem: (!problems.is_empty()).then(|| problems.join("; ")),
            role: field("role").to_string(),
            groups: list(field("groups")),
            projects,
        },
        email: raw_email.to_string(),
        name,
        message,
    }
}
