# syntax=docker/dockerfile:1
# The DriftWatch worker: `driftwatch watch` as a non-root process that writes nothing outside /tmp, so it runs with
# a read-only root file system (ECS readonlyRootFilesystem, `docker run --read-only --tmpfs /tmp`).
#
#   docker build -t driftwatch .                                   # for this machine's architecture
#   docker buildx build --platform linux/arm64 -t driftwatch .     # for Graviton (CpuArchitecture=ARM64)
#   docker run --read-only --tmpfs /tmp -e AWS_REGION=eu-west-1 -e AWS_ACCESS_KEY_ID ... driftwatch
#
# The publish (src/DriftWatch.Cli/DriftWatch.Cli.csproj) gives two executables: /app/driftwatch, Native AOT (health,
# check, ...), and /app/driftwatch-watch, the JIT/ReadyToRun worker that `driftwatch watch` replaces itself with
# (execv: same PID, so SIGTERM and the exit code are the worker's). The SDK stage runs on the target architecture, not
# the build host's: Native AOT links with the native toolchain, which does not cross-compile here (an arm64 image
# built on x64 runs this stage under emulation, slowly). Settings come from the environment (README,
# "Configuration"); credentials from the ECS task role or the environment, never from the image.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
# The Native AOT linker's toolchain.
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore from the project files alone: a change to the code reuses the restored layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/DriftWatch.Core/DriftWatch.Core.csproj src/DriftWatch.Core/
COPY src/DriftWatch.Aws/DriftWatch.Aws.csproj src/DriftWatch.Aws/
COPY src/DriftWatch.Records/DriftWatch.Records.csproj src/DriftWatch.Records/
COPY src/DriftWatch.Sinks/DriftWatch.Sinks.csproj src/DriftWatch.Sinks/
COPY src/DriftWatch.Worker/DriftWatch.Worker.csproj src/DriftWatch.Worker/
COPY src/DriftWatch.Cli/DriftWatch.Cli.csproj src/DriftWatch.Cli/
# Restored as the publish will use it (_IsPublishing, as `dotnet publish` sets it): the project's publish settings bring
# the AOT and ReadyToRun compilers, which a plain restore would not fetch.
RUN dotnet restore src/DriftWatch.Cli/DriftWatch.Cli.csproj -a "$TARGETARCH" -p:SelfContained=false -p:_IsPublishing=true
COPY src/ src/
# --self-contained false: the worker uses the runtime image's .NET; driftwatch itself is native and needs none.
RUN dotnet publish src/DriftWatch.Cli/DriftWatch.Cli.csproj -c Release -a "$TARGETARCH" --self-contained false --no-restore -o /app

# Chiseled: the .NET runtime and its few native dependencies, no shell, no package manager, a non-root user.
FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
# The health port is on by default here: the health check below needs it. JSON logs suit CloudWatch Logs.
# Only the runtime's diagnostics socket is written, in TMPDIR; HOME and the working directory are never written.
# TieredCompilation off: the image runs the worker, whose ReadyToRun code then stays final (no rejit, no call
# counting): ~35 MB less RSS (bench/README.md). It reaches driftwatch-watch through the execv; the Native AOT
# driftwatch has no JIT and ignores it.
ENV DriftWatch__Health__Port=8080 \
    DriftWatch__Logging__Format=json \
    DOTNET_TieredCompilation=0 \
    TMPDIR=/tmp
# 1654 is the image's own unprivileged "app" user.
USER 1654:1654
EXPOSE 8080
# The image has no curl: the CLI probes the worker's /healthz itself (exit 0 alive, 1 not).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/app/driftwatch", "health"]
# SIGTERM (docker stop, ECS) drains in-flight work within DriftWatch:Shutdown:Timeout (25 s), then exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/driftwatch", "watch"]
