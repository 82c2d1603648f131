//! `build --pdf`: each handout printed to PDF by a headless Chromium-family browser found
//! on the machine (Chromium, Google Chrome, Microsoft Edge, or `[pdf] browser`). The
//! page that is printed is the handout's HTML with the paper size set; the browser's
//! own header and footer are off (carta's page CSS prints the clinic's name and "page x
//! of y" in the handout's language), the page's Content-Security-Policy allows no script
//! and no request, and fonts are embedded by the browser's PDF writer (Skia).
//!
//! What varies between two prints of the same page by the same browser is only the
//! creation and modification dates in the document information dictionary: carta sets
//! both to the handout's `reviewed` date (front matter) or blanks them, in place and
//! at the same length, so the file is byte-identical from run to run. A different
//! browser version or other installed fonts give a different (equally valid) file.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browsers looked for on the PATH, in this order.
pub const BROWSERS: [&str; 7] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "msedge",
    "microsoft-edge",
    "microsoft-edge-stable",
];

/// How long one page may take to print.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The browser to print with: `configured` (`[pdf] browser`), else the first of
/// [`BROWSERS`] on the PATH. A relative path with a folder in it (`tools/chrome`,
/// `./chrome`) is relative to `root`, the folder of carta.toml, not to the shell's
/// current folder; a bare name is looked for on the PATH. The error says what to install.
pub fn find_browser(configured: Option<&Path>, root: &Path) -> Result<PathBuf, String> {
    if let Some(path) = configured {
        let resolved =
            if path.is_relative() && path.components().count() > 1 || path.starts_with(".") {
                root.join(path)
            } else {
                path.to_path_buf()
            };
        return which::which(&resolved).map_err(|_| {
            format!(
                "`[pdf] browser` is `{}`, which is not a program on this machine",
                path.display()
            )
        });
    }
    BROWSERS
        .iter()
        .find_map(|name| which::which(name).ok())
        .ok_or_else(|| {
            format!(
                "`--pdf` prints with a headless Chromium, and none was found (looked for {} on the PATH): install Chromium (Debian/Ubuntu: `apt-get install chromium`; macOS: `brew install --cask chromium`) or Google Chrome, or set `[pdf] browser = \"/path/to/chrome\"` in carta.toml",
                BROWSERS.join(", ")
            )
        })
}

/// Prints `html` (a complete page) with `browser` and returns the PDF's bytes, with its
/// dates set to `date` (or blanked).
pub fn print(browser: &Path, html: &str, date: Option<(i32, u8, u8)>) -> Result<Vec<u8>, String> {
    let work = tempfile::Builder::new()
        .prefix("carta-pdf-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let page = work.path().join("handout.html");
    let pdf = work.path().join("handout.pdf");
    std::fs::write(&page, html).map_err(|e| format!("cannot write `{}`: {e}", page.display()))?;
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-sync",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-dev-shm-usage",
        "--mute-audio",
        "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw",
    ]);
    // Chromium refuses to run as root with its sandbox (containers, CI).
    if running_as_root() {
        cmd.arg("--no-sandbox");
    }
    cmd.arg(format!(
        "--user-data-dir={}",
        work.path().join("profile").display()
    ));
    cmd.arg(format!("--print-to-pdf={}", pdf.display()));
    cmd.arg(file_url(&page));
    // The browser's stderr goes to a file read after it exits: a pipe would fill up
    // (a chatty browser blocks writing) or stay open in a child it leaves behind (carta
    // would wait for it forever).
    let err_path = work.path().join("stderr.txt");
    let err_file = std::fs::File::create(&err_path)
        .map_err(|e| format!("cannot create `{}`: {e}", err_path.display()))?;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(err_file));
    // Its own process group, so the browser and every process it starts go together.
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", browser.display()))?;
    let group = Group::enter(&child, work.path());
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                drop(group);
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`{}` did not print the page within {} s",
                    browser.display(),
                    TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for `{}`: {e}", browser.display())),
        }
    };
    // What the browser left running goes now.
    drop(group);
    let stderr = std::fs::read(&err_path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !looks_like_pdf(&bytes) {
        let last = stderr
            .lines()
            .rfind(|l| !l.trim().is_empty() && !l.contains("dbus"))
            .unwrap_or("")
            .trim()
            .to_string();
        return Err(format!(
            "`{}` printed no PDF ({status}){}",
            browser.display(),
            if last.is_empty() {
                String::new()
            } else {
                format!(": {last}")
            }
        ));
    }
    Ok(fix_dates(bytes, date))
}

/// The process groups of the browsers printing now (with their temporary folders):
/// killed when the print ends, and by carta's Ctrl-C / SIGTERM handler, so no
/// browser and no `carta-pdf-*` profile folder is left behind.
static RUNNING: std::sync::Mutex<Vec<(u32, PathBuf)>> = std::sync::Mutex::new(Vec::new());

/// One browser's process group, killed when dropped.
struct Group(u32);

impl Group {
    fn enter(child: &std::process::Child, work: &Path) -> Group {
        static HANDLER: std::sync::Once = std::sync::Once::new();
        HANDLER.call_once(|| {
            let _ = ctrlc::set_handler(|| {
                let running = RUNNING.lock().map(|r| r.clone()).unwrap_or_default();
                for (pid, work) in running {
                    kill_group(pid);
                    let _ = std::fs::remove_dir_all(work);
                }
                std::process::exit(130);
            });
        });
        if let Ok(mut running) = RUNNING.lock() {
            running.push((child.id(), work.to_path_buf()));
        }
        Group(child.id())
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        kill_group(self.0);
        if let Ok(mut running) = RUNNING.lock() {
            running.retain(|(pid, _)| *pid != self.0);
        }
    }
}

#[cfg(target_os = "linux")]
fn kill_group(pid: u32) {
    if let Some(pid) = rustix::process::Pid::from_raw(pid as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

#[cfg(not(target_os = "linux"))]
fn kill_group(_pid: u32) {}

/// Whether `bytes` have a PDF's shape: the `%PDF-` header, a `%%EOF` trailer at the end
/// and at least one page object (a program that is not a browser, or a broken one, is
/// not shipped as a handout).
fn looks_like_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    bytes.starts_with(b"%PDF-")
        && memchr::memmem::find(tail, b"%%EOF").is_some()
        && (memchr::memmem::find(bytes, b"/Type /Page").is_some()
            || memchr::memmem::find(bytes, b"/Type/Page").is_some())
}

#[cfg(target_os = "linux")]
fn running_as_root() -> bool {
    rustix::process::geteuid().is_root()
}

#[cfg(not(target_os = "linux"))]
fn running_as_root() -> bool {
    false
}

/// `file://` URL of an absolute path, each segment percent-encoded.
fn file_url(path: &Path) -> String {
    use std::path::Component;
    let segments: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(crate::fs::uri_segment(&s.to_string_lossy())),
            Component::Prefix(p) => Some(p.as_os_str().to_string_lossy().to_string()),
            _ => None,
        })
        .collect();
    format!("file:///{}", segments.join("/"))
}

/// Sets the information dictionary's `/CreationDate` and `/ModDate` (the only bytes that
/// differ between two prints) to `date`, or blanks each whole entry with spaces. The
/// replacement has the same length, so the cross-reference offsets stay right. Skia
/// writes each date as `(D:YYYYMMDDHHmmSS+HH'mm')`; anything else is left as it is.
pub fn fix_dates(mut pdf: Vec<u8>, date: Option<(i32, u8, u8)>) -> Vec<u8> {
    for key in [&b"/CreationDate ("[..], &b"/ModDate ("[..]] {
        // The information dictionary is near the end of the file, after the pages.
        let Some(at) = memchr::memmem::rfind(&pdf, key) else {
            continue;
        };
        let start = at + key.len();
        let Some(len) = pdf[start..].iter().position(|&b| b == b')') else {
            continue;
        };
        let value = &pdf[start..start + len];
        let shaped = value.len() == 23
            && value.starts_with(b"D:")
            && value[2..16].iter().all(u8::is_ascii_digit);
        if !shaped {
            continue;
        }
        match date {
            Some((y, m, d)) => {
                let fixed = format!("D:{y:04}{m:02}{d:02}000000+00'00'");
                if fixed.len() == value.len() {
                    pdf[start..start + len].copy_from_slice(fixed.as_bytes());
                }
            }
            None => {
                for b in &mut pdf[at..start + len + 1] {
                    *b = b' ';
                }
            }
        }
    }
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_fixed_in_place() {
        let pdf = b"%PDF-1.4\n1 0 obj <</Producer (Skia/PDF m148)\n/CreationDate (D:20261201121931+00'00')\n/ModDate (D:20261201121931+00'00')>>\nendobj\n".to_vec();
        let fixed = fix_dates(pdf.clone(), Some((2026, 11, 1)));
        assert_eq!(fixed.len(), pdf.len());
        let text = String::from_utf8(fixed).unwrap();
        assert!(
            text.contains("/CreationDate (D:20261101000000+00'00')"),
            "{text}"
        );
        assert!(text.contains("/ModDate (D:20261101000000+00'00')"));
        let blank = String::from_utf8(fix_dates(pdf.clone(), None)).unwrap();
        assert_eq!(blank.len(), pdf.len());
        assert!(!blank.contains("Date"), "{blank}");
        assert!(blank.contains("/Producer (Skia/PDF m148)"));
        // Not Skia's shape: left alone.
        let other = b"/CreationDate (yesterday)".to_vec();
        assert_eq!(fix_dates(other.clone(), None), other);
    }

    #[test]
    fn only_a_pdf_with_a_page_is_a_pdf() {
        assert!(!looks_like_pdf(b"%PDF-1.4\n<script>\n%%EOF"));
        assert!(!looks_like_pdf(b"<html>/Type /Page %%EOF"));
        assert!(!looks_like_pdf(
            b"%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n"
        ));
        assert!(looks_like_pdf(
            b"%PDF-1.4\n1 0 obj <</Type /Page>> endobj\ntrailer\n%%EOF\n"
        ));
    }

    #[test]
    fn a_missing_browser_names_what_to_install() {
        let e = find_browser(Some(Path::new("/nonexistent/chrome")), Path::new("/")).unwrap_err();
        assert!(e.contains("/nonexistent/chrome"), "{e}");
    }
}
