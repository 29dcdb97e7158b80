// Query options over one type do not take another type's properties, and a path has only the
// navigation properties its type declares.
use graph_models::chat::{self, Chat, ConversationMember};
use graph_models::request::Query;

fn main() {
    // A member's property in a query over chats.
    let _ = chat::chats().list_with(Query::new().select(ConversationMember::DISPLAY_NAME));
    // A chat has no `roles`; its members do.
    let _ = chat::chats().key("19:abc@thread.v2").roles();
    // A filter over members given to a query over chats.
    let _ = Query::<Chat>::new().filter(ConversationMember::DISPLAY_NAME.eq("Ann"));
}
