//! Mounts the dashboard into `<body>`; everything else lives in the library.

fn main() {
    leptos::mount::mount_to_body(wa_numbers_web::App);
}
