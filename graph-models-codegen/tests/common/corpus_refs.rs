//! Which corpus file answers which `edmx:Reference Uri`, for tests that read `../shared/corpus/csdl/`
//! with references supplied. Shared by graph-models-codegen's corpus test and tests/full-graph (which
//! includes this file by path).

#![allow(dead_code)]

use std::path::Path;

/// `edmx:Reference Uri` -> corpus file, for the references whose documents the corpus holds.
pub const REFERENCES: &[(&str, &str)] = &[
    ("NorthWindExt.svc/$metadata", "northwind-v4-ext.xml"),
    ("Org.OData.Core.V1.xml", "oasis-vocab-core-v1.xml"),
    ("vocabs.odata.org/core/v1", "oasis-vocab-core-v1.xml"),
    (
        "Org.OData.Validation.V1.xml",
        "oasis-vocab-validation-v1.xml",
    ),
    (
        "Org.OData.Capabilities.V1.xml",
        "oasis-vocab-capabilities-v1.xml",
    ),
    (
        "sap.github.io/odata-vocabularies/vocabularies/Common.xml",
        "sap-vocab-common.xml",
    ),
    (
        "ModelRefService/CoreTerms.csdl",
        "odatanet-codegen-multiref-coreterms.xml",
    ),
    (
        "ModelRefService/DeviceModelTerms.csdl",
        "odatanet-codegen-multiref-devicemodelterms.xml",
    ),
    (
        "ModelRefService/GPS.csdl",
        "odatanet-codegen-multiref-gps.xml",
    ),
    (
        "ModelRefService/Location.csdl",
        "odatanet-codegen-multiref-location.xml",
    ),
    (
        "ModelRefService/Map.csdl",
        "odatanet-codegen-multiref-map.xml",
    ),
    (
        "ModelRefService/TruckDemo.csdl",
        "odatanet-codegen-multiref.xml",
    ),
    (
        "EdmxWithNamespaceInKeywords_referencedEdm.xml",
        "odatanet-codegen-namespace-in-keywords-refmodel-referenced.xml",
    ),
    (
        "org.apache.olingo.v1.xml",
        "olingo-org.apache.olingo.v1.xml",
    ),
    ("http://localhost/a.xml", "olingo-ref-a.xml"),
    ("http://localhost/b.xml", "olingo-ref-b.xml"),
];

pub fn resolver(dir: &Path) -> impl Fn(&str) -> Option<(String, String)> + '_ {
    move |uri: &str| {
        let (_, file) = REFERENCES.iter().find(|(u, _)| uri.ends_with(u))?;
        let text = std::fs::read_to_string(dir.join(file)).ok()?;
        Some((file.to_string(), text))
    }
}
