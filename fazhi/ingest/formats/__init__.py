"""One reader per file format, each turning bytes into a ``Document``.

``fazhi.ingest.readers.read_document`` picks the reader by file extension:

- ``base``      the ``Document`` / ``ReadError`` contract and character classes
- ``plaintext`` bytes -> str for .txt (UTF-8, BOMs, GB18030, Big5)
- ``webpage``   saved government web pages: article text and page metadata
- ``pdf``       the text layer of a PDF, visual lines rebuilt into paragraphs
- ``wraps``     the line-joining rules ``pdf`` uses (pure, no PDF involved)
- ``word``      .docx paragraphs and tables in document order
- ``word_binary`` .doc / .wps: the Word 97 binary's piece table, on olefile
- ``ofd``       OFD (GB/T 33190) text runs as lines, joined like a PDF's
- ``mht``       saved web archives: the page part, into ``webpage``
- ``ocr``       pages that are images, for the readers: settings, limits, annotations
- ``ocr_engine`` RapidOCR in worker processes: page images -> lines with boxes and scores
"""
