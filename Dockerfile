# syntax=docker/dockerfile:1
# The DriftWatch worker: `driftwatch watch` as a non-root process that writes nothing outside /tmp, so it runs with
# a read-only root file system (ECS readonlyRootFilesystem, `docker run --read-only --tmpfs /tmp`).
#
#   docker build -t driftwatch .                                   # for this machine's architecture
#   docker buildx build --platform linux/arm64 -t driftwatch .     # for Graviton (CpuArchitecture=ARM64)
#   docker run --read-only --tmpfs /tmp -e AWS_REGION=eu-west-1 -e AWS_ACCESS_KEY_ID ... driftwatch
#
# The SDK stage runs on the build host and publishes for the target architecture, ahead-of-time compiled
# (ReadyToRun). Framework-dependent (--self-contained false, on the runtime image below), so this is not the README's
# Native AOT publish: Native AOT cannot use an installed runtime, and the image runs the worker, which needs the JIT
# anyway. The project file then publishes one JIT driftwatch that runs `watch` in its own process, as before (see
# src/DriftWatch.Cli/DriftWatch.Cli.csproj); no clang, and cross-architecture builds stay on the build host.
# Settings come from the environment (README, "Configuration"); credentials from the ECS task role or the
# environment, never from the image.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
# Restore from the project files alone: a change to the code reuses the restored layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/DriftWatch.Core/DriftWatch.Core.csproj src/DriftWatch.Core/
COPY src/DriftWatch.Aws/DriftWatch.Aws.csproj src/DriftWatch.Aws/
COPY src/DriftWatch.Records/DriftWatch.Records.csproj src/DriftWatch.Records/
COPY src/DriftWatch.Sinks/DriftWatch.Sinks.csproj src/DriftWatch.Sinks/
COPY src/DriftWatch.Worker/DriftWatch.Worker.csproj src/DriftWatch.Worker/
COPY src/DriftWatch.Cli/DriftWatch.Cli.csproj src/DriftWatch.Cli/
RUN dotnet restore src/DriftWatch.Cli/DriftWatch.Cli.csproj -a "$TARGETARCH"
COPY src/ src/
RUN dotnet publish src/DriftWatch.Cli/DriftWatch.Cli.csproj -c Release -a "$TARGETARCH" --self-contained false --no-restore -o /app

# Chiseled: the .NET runtime and its few native dependencies, no shell, no package manager, a non-root user.
FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
# The health port is on by default here: the health check below needs it. JSON logs suit CloudWatch Logs.
# Only the runtime's diagnostics socket is written, in TMPDIR; HOME and the working directory are never written.
# TieredCompilation off: the image runs the worker, whose ReadyToRun code then stays final (no rejit, no call
# counting): ~35 MB less RSS (bench/README.md). The CLI's own default keeps it on, for `check`'s start-up.
# GCgen0size: an 8 MB young generation, where the GC would size it from the host CPU's cache (~100 MB committed on a
# host reporting 260 MB of L3); the published `driftwatch watch` adds it itself (src/DriftWatch.Cli/Watch/WorkerEnvironment.cs).
ENV DriftWatch__Health__Port=8080 \
    DriftWatch__Logging__Format=json \
    DOTNET_TieredCompilation=0 \
    DOTNET_GCgen0size=0x800000 \
    TMPDIR=/tmp
# 1654 is the image's own unprivileged "app" user.
USER 1654:1654
EXPOSE 8080
# The image has no curl: the CLI probes the worker's /healthz itself (exit 0 alive, 1 not).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/app/driftwatch", "health"]
# SIGTERM (docker stop, ECS) drains in-flight work within DriftWatch:Shutdown:Timeout (25 s), then exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/driftwatch", "watch"]
