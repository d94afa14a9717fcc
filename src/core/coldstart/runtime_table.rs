/// Every runtime id of the scenario (`scenario::RUNTIMES`, in its order) with its lambda-perf runtime and
/// its family in Shilkov's measurements: (id, lambda-perf runtime, family).
const TABLE: &[(&str, &str, &str)] = &[
    ("nodejs20", "nodejs20.x", "nodejs"),
    ("nodejs22", "nodejs22.x", "nodejs"),
    ("nodejs24", "nodejs24.x", "nodejs"),
    ("python311", "python3.11", "python"),
    ("python312", "python3.12", "python"),
    ("python313", "python3.13", "python"),
    ("go", "go (prov.al2023)", "go"),
    ("rust", "rust (prov.al2023)", "rust"),
    ("java17", "java17", "java"),
    ("java21", "java21", "java"),
    ("java21_snapstart", "java21", "java"),
    ("dotnet8", "dotnet8", "dotnet"),
    ("dotnet8_aot", "dotnet8 aot (prov.al2023)", "dotnet"),
    ("ruby33", "ruby3.3", "ruby"),
];
