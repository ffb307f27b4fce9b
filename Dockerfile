# 财问 caiwen: the CLI and the HTTP service (`caiwen serve`), CPU only.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# OCR of scanned pages: OpenCV (installed with rapidocr-onnxruntime) loads libGL and GLib.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 \
    && rm -rf /var/lib/apt/lists/*

# torch first, from the CPU wheel index: the plain PyPI torch (pulled in by
# sentence-transformers) is a multi-GB CUDA build. Kept in its own layer for the cache.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

# The project's dependencies, read from pyproject.toml, so that editing the sources does
# not reinstall them.
COPY pyproject.toml /src/pyproject.toml
RUN python -c "import tomllib; deps = tomllib.load(open('/src/pyproject.toml', 'rb'))['project']['dependencies']; print(*deps, sep='\n')" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The project itself, non-editable: setuptools maps ingest/, service/, eval/ and prompts/
# into caiwen.* (see [tool.setuptools.package-dir]); the build tree is removed afterwards.
COPY . /src
RUN pip install /src && rm -rf /src

RUN useradd --create-home --uid 10001 --user-group caiwen \
    && mkdir -p /data /app \
    && chown caiwen:caiwen /data /app

USER caiwen
WORKDIR /app
ENV CAIWEN_DATA=/data
VOLUME /data
EXPOSE 8000

CMD ["caiwen", "serve", "--host", "0.0.0.0", "--port", "8000"]
