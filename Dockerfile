# The operator image: build on Debian 12 with the same packages as scripts/install-deps.sh,
# run on debian:12-slim with only the shared libraries the binary links (readelf NEEDED;
# libc6, libstdc++6, libgcc-s1, libcrypt1 are in every Debian; e2e/dockerfile_test.sh checks
# the list), as a non-root user.
# (No Docker engine runs on the development machines; the image is built by CI elsewhere or
# by a cluster admin. The build stage is the same cmake invocation `make build` runs.)
FROM debian:12 AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      cmake ninja-build g++ git pkg-config ca-certificates \
      libcpprest-dev libyaml-cpp-dev nlohmann-json3-dev libssl-dev libarchive-dev \
      libspdlog-dev doctest-dev libre2-dev libyaml-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    && cmake --build /build --target chartmirror \
    && strip /build/operator/chartmirror

FROM debian:12-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libyaml-cpp0.7 libyaml-0-2 libarchive13 libssl3 libre2-9 \
      libcpprest2.10 libspdlog1.10 libfmt9 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 65532 --no-create-home --shell /usr/sbin/nologin chartmirror
COPY --from=build /build/operator/chartmirror /usr/local/bin/chartmirror
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/chartmirror"]
CMD ["help"]
