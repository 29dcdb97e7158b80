// An action bound to a chat cannot be called on a chat's member.
use graph_models::chat::{self, ChatHideForUser};

fn main() {
    let member = chat::chats().key("19:abc@thread.v2").members().key("1");
    let _ = member.call(&ChatHideForUser::default());
}
