//! The benchmark payloads, built deterministically (same seed, same bytes, on every machine).
//!
//! Shaped like what Graph sends for `GET /chats?$expand=members`: `@odata.type` first in every
//! member, a `members@odata.context` property annotation per chat, dates with 0 to 7 fraction
//! digits, nulls, and a few things the schema does not know (member types, enum members,
//! properties, annotations) that the generated models must keep and the plain structs drop.

use serde_json::{json, Map, Value};

/// SplitMix64: tiny, fast and fully determined by its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn guid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }

    /// A `DateTimeOffset` as Graph writes it: `Z`, 0 to 7 fraction digits (trailing zeros trimmed,
    /// as Graph does: `23:10:28.51Z`).
    fn date_time(&mut self) -> String {
        let (month, day) = (1 + self.below(12), 1 + self.below(28));
        let (h, m, s) = (self.below(24), self.below(60), self.below(60));
        let digits = self.below(8) as usize;
        let mut text = format!("2024-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}");
        if digits > 0 {
            let fraction = format!("{:07}", self.below(10_000_000));
            let fraction = fraction[..digits].trim_end_matches('0');
            if !fraction.is_empty() {
                text.push('.');
                text.push_str(fraction);
            }
        }
        text.push('Z');
        text
    }
}

const NAMES: &[&str] = &[
    "Adele Vance",
    "Alex Wilber",
    "Diego Siciliani",
    "Grady Archie",
    "Isaiah Langer",
    "Johanna Lorenz",
    "Lee Gu",
    "Lidia Holloway",
    "Megan Bowen",
    "Miriam Graham",
    "Nestor Wilke",
    "Patti Fernandez",
    "Pradeep Gupta",
];

/// The member kinds and their share of members, in percent (the last takes the rest). The unknown
/// tag must decode to the fallback variant and keep every property.
const KINDS: &[(&str, u64)] = &[
    ("aadUserConversationMember", 62),
    ("anonymousGuestConversationMember", 7),
    ("microsoftAccountUserConversationMember", 6),
    ("skypeForBusinessUserConversationMember", 5),
    ("phoneUserConversationMember", 5),
    ("skypeUserConversationMember", 5),
    ("azureCommunicationServicesUserConversationMember", 5),
    ("teamsBotConversationMember", 5),
];

fn member_kind(rng: &mut Rng) -> &'static str {
    let mut roll = rng.below(100);
    for (kind, share) in KINDS {
        if roll < *share {
            return kind;
        }
        roll -= share;
    }
    KINDS[KINDS.len() - 1].0
}

/// One conversation member, `@odata.type` first.
pub fn member(rng: &mut Rng, tenant: &str) -> Value {
    let kind = member_kind(rng);
    let mut m = Map::new();
    m.insert(
        "@odata.type".into(),
        format!("#microsoft.graph.{kind}").into(),
    );
    let user = rng.guid();
    m.insert(
        "id".into(),
        format!("MCMjMiMjZGNkMjE5ZGQtYmM2OC00YjliLWJmMGItNGEzM2E3OTZiZTM1IyMxOTpt{user}").into(),
    );
    let roles: Vec<Value> = match rng.below(10) {
        0..=5 => vec!["owner".into()],
        6..=8 => vec![],
        _ => vec!["owner".into(), "guest".into()],
    };
    if rng.chance(8) {
        m.insert("roles@odata.type".into(), "#Collection(String)".into());
    }
    m.insert("roles".into(), roles.into());
    let name = rng.pick(NAMES);
    m.insert(
        "displayName".into(),
        if rng.chance(10) {
            Value::Null
        } else {
            name.into()
        },
    );
    m.insert(
        "visibleHistoryStartDateTime".into(),
        if rng.chance(70) {
            "0001-01-01T00:00:00Z".to_string()
        } else {
            rng.date_time()
        }
        .into(),
    );
    let email = || format!("{}@contoso.onmicrosoft.com", name.replace(' ', "."));
    match kind {
        "aadUserConversationMember" => {
            m.insert("userId".into(), user.into());
            m.insert(
                "email".into(),
                if rng.chance(15) {
                    Value::Null
                } else {
                    email().into()
                },
            );
            m.insert("tenantId".into(), tenant.into());
        }
        "anonymousGuestConversationMember" => {
            m.insert(
                "anonymousGuestId".into(),
                format!("8:teamsvisitor:{user}").into(),
            );
        }
        "microsoftAccountUserConversationMember" => {
            m.insert("userId".into(), user.into());
        }
        "skypeForBusinessUserConversationMember" => {
            m.insert("userId".into(), user.into());
            m.insert("tenantId".into(), tenant.into());
        }
        "phoneUserConversationMember" => {
            m.insert(
                "phoneNumber".into(),
                format!("+1425555{:04}", rng.below(10_000)).into(),
            );
        }
        "skypeUserConversationMember" => {
            m.insert(
                "skypeId".into(),
                format!("live:.cid.{:016x}", rng.next_u64()).into(),
            );
        }
        "azureCommunicationServicesUserConversationMember" => {
            m.insert(
                "azureCommunicationServicesId".into(),
                format!("8:acs:{tenant}_{user}").into(),
            );
        }
        _ => {
            // A type this schema does not know: its own properties go to additional data.
            m.insert("botId".into(), user.into());
            m.insert("tenantId".into(), tenant.into());
        }
    }
    if rng.chance(4) {
        // A property a newer service version added, with numbers and nesting.
        m.insert(
            "presence".into(),
            json!({"availability": "Available", "activity": "InACall", "sequence": rng.below(5000), "confidence": 0.75}),
        );
    }
    Value::Object(m)
}

/// One chat with its members (3 to 8).
pub fn chat(rng: &mut Rng) -> Value {
    let tenant = rng.guid();
    let kind = match rng.below(100) {
        0..=44 => "oneOnOne",
        45..=84 => "group",
        85..=97 => "meeting",
        // A member this schema does not know: kept, never an error.
        _ => "community",
    };
    let id = match kind {
        "oneOnOne" => format!("19:{}_{}@unq.gbl.spaces", rng.guid(), rng.guid()),
        "meeting" => format!(
            "19:meeting_{:016x}{:016x}@thread.v2",
            rng.next_u64(),
            rng.next_u64()
        ),
        _ => format!(
            "19:{:016x}{:016x}@thread.v2",
            rng.next_u64(),
            rng.next_u64()
        ),
    };
    let mut c = Map::new();
    c.insert("id".into(), id.clone().into());
    c.insert(
        "topic".into(),
        if kind == "oneOnOne" {
            Value::Null
        } else {
            format!("Project {} sync", rng.below(500)).into()
        },
    );
    c.insert("createdDateTime".into(), rng.date_time().into());
    c.insert("lastUpdatedDateTime".into(), rng.date_time().into());
    c.insert("chatType".into(), kind.into());
    c.insert(
        "webUrl".into(),
        format!("https://teams.microsoft.com/l/chat/{id}/0?tenantId={tenant}").into(),
    );
    c.insert("tenantId".into(), tenant.clone().into());
    c.insert("isHiddenForAllMembers".into(), false.into());
    if kind == "meeting" {
        c.insert(
            "onlineMeetingInfo".into(),
            json!({
                "calendarEventId": null,
                "joinWebUrl": format!("https://teams.microsoft.com/l/meetup-join/{id}/0"),
                "organizer": {
                    "id": rng.guid(),
                    "displayName": null,
                    "userIdentityType": if rng.chance(20) { "externalUser" } else { "aadUser" },
                    "tenantId": tenant,
                }
            }),
        );
    } else {
        c.insert("onlineMeetingInfo".into(), Value::Null);
    }
    let mut viewpoint = Map::new();
    viewpoint.insert("isHidden".into(), rng.chance(5).into());
    viewpoint.insert("lastMessageReadDateTime".into(), rng.date_time().into());
    c.insert("viewpoint".into(), Value::Object(viewpoint));
    if rng.chance(3) {
        c.insert("chatViewpointVersion".into(), rng.below(100).into());
    }
    c.insert(
        "members@odata.context".into(),
        format!("https://graph.microsoft.com/v1.0/$metadata#chats('{id}')/members").into(),
    );
    let count = 3 + rng.below(6);
    let members: Vec<Value> = (0..count).map(|_| member(rng, &tenant)).collect();
    c.insert("members".into(), members.into());
    Value::Object(c)
}

/// `GET /chats?$expand=members`: one page of `chats` chats.
pub fn chats_page(chats: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let value: Vec<Value> = (0..chats).map(|_| chat(&mut rng)).collect();
    let page = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats(members())",
        "@odata.count": chats,
        "value": value,
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/chats?$expand=members&$skiptoken=M2UyZDAwMDAwMDMxMzkzYTMyNjQ2NDM0NjEz",
    });
    page.to_string()
}

/// A flat JSON array of `count` conversation members.
pub fn members_array(count: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let tenant = rng.guid();
    let members: Vec<Value> = (0..count).map(|_| member(&mut rng, &tenant)).collect();
    Value::Array(members).to_string()
}

/// The two payloads the benchmark measures, at full size.
pub const CHATS: usize = 1_000;
pub const MEMBERS: usize = 10_000;
pub const SEED: u64 = 0x6772_6170_685f_6d64;
