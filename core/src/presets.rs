//! Preset scenarios drawn from the seed story and the timeline. Each diagram is a file in
//! `core/presets/`, in the text form of [`crate::io::text`]. Their expected verdicts live in `fixtures/presets.expect` and are checked by
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
        summary: "The deal in the seed story: Amazon hosts OpenAI's enterprise product Frontier, which calls an OpenAI API endpoint on AWS. Frontier is drawn as an API product, which the record does not settle.",
        text: include_str!("../presets/frontier-aws.diagram"),
    },
    Preset {
        id: "status-quo",
        title: "Status quo: Azure OpenAI Service",
        summary: "A customer calls the model through Azure OpenAI Service, which Microsoft runs; everything runs on Azure.",
        text: include_str!("../presets/status-quo.diagram"),
    },
    Preset {
        id: "frontier-via-azure",
        title: "Frontier on AWS, model only through Azure",
        summary: "Frontier runs on AWS but reaches the model only through an Azure endpoint: the letter of the API terms allows it, the spirit does not, and from 2026-02-27 Frontier itself must be on Azure. Frontier is drawn as an API product, which the record does not settle.",
        text: include_str!("../presets/frontier-via-azure.diagram"),
    },
    Preset {
        id: "bedrock-stateful",
        title: "Bedrock stateful runtime",
        summary: "The Stateful Runtime Environment for agents on Amazon Bedrock, built with Amazon: not a stateless API by its letter.",
        text: include_str!("../presets/bedrock-stateful.diagram"),
    },
    Preset {
        id: "non-api-other-cloud",
        title: "Non-API product on Google Cloud",
        summary: "A first-party assistant app, not an API, runs on Google Cloud with the model embedded.",
        text: include_str!("../presets/non-api-other-cloud.diagram"),
    },
    Preset {
        id: "natsec-aws",
        title: "National-security customer on AWS",
        summary: "A US-government national-security customer calls the model through an endpoint on AWS.",
        text: include_str!("../presets/natsec-aws.diagram"),
    },
    Preset {
        id: "third-party-api-product",
        title: "API product built with a third party",
        summary: "An API product OpenAI built jointly with a partner, served from Google Cloud.",
        text: include_str!("../presets/third-party-api-product.diagram"),
    },
    Preset {
        id: "frontier-stateful",
        title: "Frontier on AWS through the stateful runtime",
        summary: "Frontier on AWS calls the model only through the Bedrock stateful runtime: the letter and the spirit of the 2026-02-27 version disagree.",
        text: include_str!("../presets/frontier-stateful.diagram"),
    },
    Preset {
        id: "amendment-aws-first",
        title: "After the amendment: Frontier ships on AWS first",
        summary: "Frontier on AWS launches there on 2026-05-01 and on Azure only on 2026-06-15.",
        text: include_str!("../presets/amendment-aws-first.diagram"),
    },
    Preset {
        id: "customer-app",
        title: "A customer's own app, through Azure OpenAI Service",
        summary: "Acme runs its own support bot on Google Cloud and reaches the model through Azure OpenAI Service: the bot is Acme's, not an OpenAI product, so no version restricts where it runs.",
        text: include_str!("../presets/customer-app.diagram"),
    },
    Preset {
        id: "azure-front",
        title: "An Azure gateway in front of an API on AWS",
        summary: "OpenAI puts a gateway on Azure in front of an API served from AWS: passing through Azure once does not make the API behind it exclusive to Azure.",
        text: include_str!("../presets/azure-front.diagram"),
    },
    Preset {
        id: "exempt-hop",
        title: "A non-API app in front of an API on AWS",
        summary: "A non-API app may run on any cloud from 2025-10-28, but that exempts the app, not the OpenAI API behind it, which runs on AWS.",
        text: include_str!("../presets/exempt-hop.diagram"),
    },
    Preset {
        id: "operator-unknown",
        title: "Who runs the agent app?",
        summary: "An agent app on AWS, launched there after the amendment, whose operator is not set: several verdicts turn on who runs it, and the app says so.",
        text: include_str!("../presets/operator-unknown.diagram"),
    },
    Preset {
        id: "amendment-declined",
        title: "After the amendment: Microsoft declined, Frontier ships on AWS",
        summary: "Frontier launches only on AWS after the amendment, and Microsoft chose not to support it. Whether that excuses it depends on \"cannot and chooses not to\" or \"cannot, or chooses not to\": the record has both.",
        text: include_str!("../presets/amendment-declined.diagram"),
    },
];
