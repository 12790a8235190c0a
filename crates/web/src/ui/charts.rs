//! Charts drawn on the server as SVG (no script, prints well, works on old browsers).

use super::escape;
pub use app::views::Bar;

/// A horizontal stacked bar chart: done (green), overdue (red), the rest (grey), one row
/// per bar, with the label and "done/total" written beside it. Empty input gives an empty
/// string.
pub fn progress_bars(title: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let row = 30;
    let label_w = 300;
    let bar_w = 360;
    let height = 40 + row * bars.len();
    let width = label_w + bar_w + 110;
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{t}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{t}</title>\
         <text x=\"8\" y=\"22\" font-size=\"15\" font-weight=\"600\">{t}</text>",
        t = escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 36 + i * row;
        let total = b.total.max(1) as f64;
        let done_w = (b.done.max(0) as f64 / total * bar_w as f64).round() as i64;
        let late_w = (b.overdue.max(0) as f64 / total * bar_w as f64).round() as i64;
        let label: String = if b.label.chars().count() > 42 {
            b.label.chars().take(41).chain(['…']).collect()
        } else {
            b.label.clone()
        };
        s.push_str(&format!(
            "<text x=\"8\" y=\"{ty}\" font-size=\"13\">{l}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{bar_w}\" height=\"18\" fill=\"#e6ebf0\"/>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{done_w}\" height=\"18\" fill=\"#1e7d3a\"/>\
             <rect x=\"{lx}\" y=\"{y}\" width=\"{late_w}\" height=\"18\" fill=\"#b3261e\"/>\
             <text x=\"{nx}\" y=\"{ty}\" font-size=\"13\">{d}/{n}</text>",
            ty = y + 14,
            l = escape(&label),
            lx = label_w as i64 + done_w,
            nx = label_w + bar_w + 8,
            d = b.done,
            n = b.total,
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_total_and_labels_escaped() {
        let svg = progress_bars(
            "Tiến độ",
            &[Bar {
                label: "Phòng <VH-XH>".into(),
                done: 1,
                overdue: 1,
                total: 4,
            }],
        );
        assert!(svg.contains("width=\"90\" height=\"18\" fill=\"#1e7d3a\""));
        assert!(svg.contains("Phòng &lt;VH-XH&gt;"));
        assert!(svg.contains(">1/4<"));
        assert_eq!(progress_bars("x", &[]), "");
    }
}
