//! Mounts the dashboard into `<body>` on the dashboard's own page (the one with
//! `<meta name="wa-numbers" content="app">`); a portal that embeds the same
//! module calls `mount(element, options)` instead.

fn main() {
    wa_numbers_web::start_on_own_page();
}
