# cutoverd container image.
#
#   docker build -t cutover .
#   docker run -v $PWD/cutover.ini:/etc/cutover/cutover.ini:ro -p 6432:6432 -p 9187:9187 cutover
#
# The config must listen on 0.0.0.0 (not 127.0.0.1) to be reachable from outside the container,
# and its [admin] http_listen must be 127.0.0.1:$CUTOVER_HTTP_PORT (or 0.0.0.0:...) for the
# HEALTHCHECK below; the default is 9187: override with --build-arg or -e CUTOVER_HTTP_PORT.

# ---- build stage: the compiler and -dev packages, never shipped
FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN scripts/install-deps.sh --build-only && rm -rf /var/lib/apt/lists/*
COPY . .
RUN rm -rf build && JOBS="$(nproc)" scripts/build.sh -- -DCUTOVER_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    && cmake --install build --prefix /opt/cutover --strip

# ---- runtime stage: the shared libraries cutoverd links, a non-root user, the binaries
FROM debian:bookworm-slim
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN /tmp/install-deps.sh --runtime && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh \
    && useradd --system --no-create-home --shell /usr/sbin/nologin cutover \
    && mkdir -p /etc/cutover /run/cutover && chown cutover:cutover /run/cutover
COPY --from=build /opt/cutover/bin/ /usr/local/bin/
COPY conf/cutover.ini /etc/cutover/cutover.ini.example

ARG CUTOVER_HTTP_PORT=9187
ENV CUTOVER_HTTP_PORT=${CUTOVER_HTTP_PORT}
USER cutover
EXPOSE 6432 ${CUTOVER_HTTP_PORT}
VOLUME ["/run/cutover"]
# /healthz over bash's /dev/tcp: no curl or python in the image. Succeeds only on "200".
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${CUTOVER_HTTP_PORT} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 2 status code rest <&3 && [[ $code == 200 ]]"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/cutoverd"]
CMD ["-c", "/etc/cutover/cutover.ini"]
