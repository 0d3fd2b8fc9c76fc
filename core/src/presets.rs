//! Preset scenarios drawn from the seed story and the timeline, in the text form of
//! [`crate::io::text`]. Their expected verdicts live in `fixtures/presets.expect` and are checked by
//! `tests/presets.rs`.

use crate::io::text::parse_diagram;
use crate::model::Diagram;

/// A named scenario.
#[derive(Copy, Clone, Debug)]
pub struct Preset {
    /// Stable identifier, used in links and fixtures.
    pub id: &'static str,
    /// Menu title.
    pub title: &'static str,
    /// One or two sentences on what it shows.
    pub summary: &'static str,
    /// The diagram, in text form.
    pub text: &'static str,
}

impl Preset {
    /// The preset's diagram. The presets are tested to parse, so this cannot fail for them.
    pub fn diagram(&self) -> Diagram {
        parse_diagram(self.text).unwrap_or_default()
    }

    /// The preset with this id.
    pub fn find(id: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.id == id)
    }
}

/// The preset a first visit opens: the seed's dispute.
pub const DEFAULT_PRESET: &str = "frontier-aws";

/// Every preset, in menu order.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "frontier-aws",
        title: "Frontier on AWS, calling an AWS-hosted API",
        summary: "The deal in the seed story: Amazon hosts OpenAI's enterprise product Frontier, which calls an OpenAI API endpoint on AWS.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product frontier "Frontier" api first-party by OpenAI @ 280,160
endpoint api "OpenAI API (AWS)" stateless first-party by OpenAI @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
host aws "AWS" aws @ 520,340
acme uses frontier
frontier calls api
api exposes gpt
openai owns gpt
frontier hosted-on aws
api hosted-on aws
gpt hosted-on aws
"#,
    },
    Preset {
        id: "status-quo",
        title: "Status quo: Azure OpenAI Service",
        summary: "A customer calls the model through Azure OpenAI Service, which Microsoft runs; everything runs on Azure.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
endpoint aoai "Azure OpenAI Service" stateless first-party by Microsoft @ 280,160
model gpt "GPT model" @ 520,160
party openai "OpenAI" @ 520,20
host azure "Azure" azure @ 400,340
acme uses aoai
aoai exposes gpt
openai owns gpt
aoai hosted-on azure
gpt hosted-on azure
"#,
    },
    Preset {
        id: "frontier-via-azure",
        title: "Frontier on AWS, model only through Azure",
        summary: "Frontier runs on AWS but reaches the model only through an Azure-hosted endpoint: the letter of the API terms allows it and the spirit does not, but from 2026-02-27 Frontier itself must be hosted on Azure.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product frontier "Frontier" api first-party by OpenAI @ 280,160
endpoint api "Azure OpenAI endpoint" stateless first-party by OpenAI @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
host aws "AWS" aws @ 280,340
host azure "Azure" azure @ 640,340
acme uses frontier
frontier calls api
api exposes gpt
openai owns gpt
frontier hosted-on aws
api hosted-on azure
gpt hosted-on azure
"#,
    },
    Preset {
        id: "bedrock-stateful",
        title: "Bedrock stateful runtime",
        summary: "The Stateful Runtime Environment for agents on Amazon Bedrock, built with Amazon: not a stateless API by its letter.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
endpoint runtime "Bedrock Stateful Runtime" stateful third-party by OpenAI @ 280,160
model gpt "GPT model" @ 520,160
party openai "OpenAI" @ 520,20
party amazon "Amazon" @ 280,20
host aws "AWS" aws @ 400,340
acme uses runtime
runtime exposes gpt
runtime built-with amazon
openai owns gpt
runtime hosted-on aws
gpt hosted-on aws
"#,
    },
    Preset {
        id: "non-api-other-cloud",
        title: "Non-API product on Google Cloud",
        summary: "A first-party assistant app, not an API, runs on Google Cloud with the model embedded.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product app "Assistant app" non-api first-party by OpenAI @ 280,160
model gpt "GPT model" @ 520,160
party openai "OpenAI" @ 520,20
host gcp "Google Cloud" gcp @ 400,340
acme uses app
app calls gpt
openai owns gpt
app hosted-on gcp
gpt hosted-on gcp
"#,
    },
    Preset {
        id: "natsec-aws",
        title: "National-security customer on AWS",
        summary: "A US-government national-security customer calls the model through an endpoint on AWS.",
        text: r#"
customer dod "Defense agency" national-security @ 40,160
endpoint gov "OpenAI for Government API" stateless first-party by OpenAI @ 280,160
model gpt "GPT model" @ 520,160
party openai "OpenAI" @ 520,20
host aws "AWS" aws @ 400,340
dod uses gov
gov exposes gpt
openai owns gpt
gov hosted-on aws
gpt hosted-on aws
"#,
    },
    Preset {
        id: "third-party-api-product",
        title: "API product built with a third party",
        summary: "An API product OpenAI built jointly with a partner, served from Google Cloud.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product joint "Joint API product" api third-party by OpenAI @ 280,160
model gpt "GPT model" @ 520,160
party openai "OpenAI" @ 520,20
party partner "Partner Inc" @ 280,20
host gcp "Google Cloud" gcp @ 400,340
acme uses joint
joint calls gpt
joint built-with partner
openai owns gpt
joint hosted-on gcp
gpt hosted-on gcp
"#,
    },
    Preset {
        id: "frontier-stateful",
        title: "Frontier on AWS through the stateful runtime",
        summary: "Frontier on AWS calls the model only through the Bedrock stateful runtime: the letter and the spirit of the 2026-02-27 version disagree.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product frontier "Frontier" api first-party by OpenAI @ 280,160
endpoint runtime "Bedrock Stateful Runtime" stateful third-party by OpenAI @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
party amazon "Amazon" @ 520,20
host aws "AWS" aws @ 520,340
acme uses frontier
frontier calls runtime
runtime exposes gpt
runtime built-with amazon
openai owns gpt
frontier hosted-on aws
runtime hosted-on aws
gpt hosted-on aws
"#,
    },
    Preset {
        id: "amendment-aws-first",
        title: "After the amendment: Frontier ships on AWS first",
        summary: "Frontier on AWS launches there on 2026-05-01 and on Azure only on 2026-06-15.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product frontier "Frontier" api first-party by OpenAI launch:aws=2026-05-01 launch:azure=2026-06-15 @ 280,160
endpoint api "OpenAI API (AWS)" stateless first-party by OpenAI @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
host aws "AWS" aws @ 520,340
acme uses frontier
frontier calls api
api exposes gpt
openai owns gpt
frontier hosted-on aws
api hosted-on aws
gpt hosted-on aws
"#,
    },
    Preset {
        id: "customer-app",
        title: "A customer's own app, through Azure OpenAI Service",
        summary: "Acme runs its own support bot on Google Cloud and reaches the model through Azure OpenAI Service: the bot is Acme's, not an OpenAI product, so no version restricts where it runs.",
        text: r#"
customer acme "Acme employees" enterprise @ 40,160
product bot "Acme support bot" non-api by "Acme Corp" @ 280,160
endpoint aoai "Azure OpenAI Service" stateless by Microsoft @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
host gcp "Google Cloud" gcp @ 280,340
host azure "Azure" azure @ 640,340
acme uses bot
bot calls aoai
aoai exposes gpt
openai owns gpt
bot hosted-on gcp
aoai hosted-on azure
gpt hosted-on azure
"#,
    },
    Preset {
        id: "azure-front",
        title: "An Azure gateway in front of an API on AWS",
        summary: "OpenAI puts a gateway on Azure in front of an API served from AWS: passing through Azure once does not make the API behind it exclusive to Azure.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
endpoint front "OpenAI gateway (Azure)" stateless by OpenAI @ 280,160
endpoint back "OpenAI API (AWS)" stateless by OpenAI @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
host azure "Azure" azure @ 280,340
host aws "AWS" aws @ 640,340
acme uses front
front calls back
back exposes gpt
openai owns gpt
front hosted-on azure
back hosted-on aws
gpt hosted-on aws
"#,
    },
    Preset {
        id: "exempt-hop",
        title: "A non-API app in front of an API on AWS",
        summary: "A non-API app may run on any cloud from 2025-10-28, but that exempts the app, not the OpenAI API behind it, which runs on AWS.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product app "Assistant app" non-api first-party by OpenAI @ 280,160
endpoint api "OpenAI API (AWS)" stateless first-party by OpenAI @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
host gcp "Google Cloud" gcp @ 280,340
host aws "AWS" aws @ 640,340
acme uses app
app calls api
api exposes gpt
openai owns gpt
app hosted-on gcp
api hosted-on aws
gpt hosted-on aws
"#,
    },
    Preset {
        id: "operator-unknown",
        title: "Who runs the agent app?",
        summary: "An agent app on AWS, launched there after the amendment, whose operator is not set: several verdicts turn on who runs it, and the app says so.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product app "Agent app" api launch:aws=2026-06-01 @ 280,160
endpoint api "OpenAI API" stateless first-party by OpenAI @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
host aws "AWS" aws @ 280,340
host azure "Azure" azure @ 640,340
acme uses app
app calls api
api exposes gpt
openai owns gpt
app hosted-on aws
api hosted-on azure
gpt hosted-on azure
"#,
    },
    Preset {
        id: "amendment-declined",
        title: "After the amendment: Microsoft declined, Frontier ships on AWS",
        summary: "Frontier launches only on AWS after the amendment, and Microsoft chose not to support it. Whether that excuses it depends on \"cannot and chooses not to\" or \"cannot, or chooses not to\": the record has both.",
        text: r#"
customer acme "Acme Corp" enterprise @ 40,160
product frontier "Frontier" api first-party by OpenAI launch:aws=2026-05-01 declines-support @ 280,160
endpoint api "OpenAI API" stateless first-party by OpenAI @ 520,160
model gpt "GPT model" @ 760,160
party openai "OpenAI" @ 760,20
host aws "AWS" aws @ 280,340
host azure "Azure" azure @ 640,340
acme uses frontier
frontier calls api
api exposes gpt
openai owns gpt
frontier hosted-on aws
api hosted-on azure
gpt hosted-on azure
"#,
    },
];
