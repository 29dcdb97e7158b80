// A `$select` of a property the type lacks is a compile error on that name, with rustc's
// suggestion of the closest one.
use graph_models::chat::{self, Chat};
use graph_models::request::Query;

fn main() {
    let _ = chat::chats().list_with(Query::new().select(Chat::TOPICS));
}
