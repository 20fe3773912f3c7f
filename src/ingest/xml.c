/*
 * xml.c - parsing untrusted XML parts on libxml2 (see xml.h).
 *
 * A DOCTYPE is refused by scanning the raw bytes before libxml2 sees them
 * (in UTF-8 and in both UTF-16 byte orders), and again after parsing by
 * checking that the tree has no internal or external subset, so no entity
 * is ever declared, let alone expanded or fetched. The parser runs without
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE (libxml2 then keeps
 * its built-in depth and text-size limits) and with XML_PARSE_NONET.
 *
 * Parts inside a ZIP are parsed as they inflate (xml_safe_parse_entry), and
 * the SAX callbacks that build the tree are watched (see parse()): the tree
 * stops growing at the limits on nodes and memory, so no part can make the
 * reader take more than limits->max_reader_bytes, whatever its size.
 */
#include "base/compat.h"
#include "ingest/xml.h"
#include "base/sb.h"
#include "ingest/doc.h"
#include "ingest/zip.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* Deeper trees than this are refused: OOXML parts nest a few dozen levels,
 * and the readers walk trees recursively. */
#define XML_MAX_DEPTH 200

/* What one node of the tree costs in memory, roughly (libxml2's xmlNode and
 * xmlAttr are about 120 bytes, plus the name's dictionary entry): used to
 * bound the reader's memory by counting nodes as the parser makes them. */
#define NODE_COST 160

/* True when needle occurs in hay[0..len), ASCII case-insensitively, with
 * stride bytes per character (1: UTF-8; 2: UTF-16, at offset off). */
static bool has_word(const char *hay, size_t len, const char *needle, size_t stride, size_t off)
{
	size_t nl = strlen(needle), i, j;

	if (len < nl * stride)
		return false;
	for (i = off; i + nl * stride <= len; i += stride) {
		for (j = 0; j < nl; j++) {
			char c = hay[i + j * stride];

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c != needle[j])
				break;
			if (stride == 2 && hay[i + j * stride + (off ? -1 : 1)] != 0)
				break;
		}
		if (j == nl)
			return true;
	}
	return false;
}

static bool has_doctype(const char *data, size_t len)
{
	/* Every needle holds '!', which most parts never do: one memchr decides
	 * (the scans below cost as much as the parse on a 350 KB styles part). */
	if (!memchr(data, '!', len))
		return false;
	return has_word(data, len, "<!DOCTYPE", 1, 0) || has_word(data, len, "<!ENTITY", 1, 0) ||
	       has_word(data, len, "<!DOCTYPE", 2, 0) || has_word(data, len, "<!DOCTYPE", 2, 1);
}

/*
 * The parse, watched. libxml2 builds the tree through its SAX2 callbacks;
 * these wrappers count what it builds and stop the parser (xmlStopParser)
 * the moment a DOCTYPE or entity declaration appears, the nesting passes
 * XML_MAX_DEPTH, or the nodes or the estimated memory pass the limits. The
 * input comes from memory or, for ZIP entries, a piece at a time, so a part
 * is never held whole beside its tree.
 */
enum stop { GO, STOP_DOCTYPE, STOP_DEPTH, STOP_NODES, STOP_MEMORY, STOP_INPUT, STOP_CALLER };

struct watch {
	xmlParserCtxtPtr ctxt;
	const struct doc_limits *lim;
	startElementNsSAX2Func start;
	endElementNsSAX2Func end;
	charactersSAXFunc characters;
	charactersSAXFunc cdata;
	size_t depth, nodes, bytes;
	enum stop stop;
	/* libxml2's first error (its later ones follow from it). */
	int code, line, column;
	bool huge;
	/* Streaming: each element completed at depth each_depth (root = 0) is
	 * given to each() and freed; each() < 0 stops the parse (STOP_CALLER). */
	int (*each)(xmlNodePtr node, void *arg);
	void *each_arg;
	size_t each_depth;
	/* Input from a ZIP entry (else NULL: from memory). */
	struct zip_entry *entry;
	struct sb input_err;
};

static void halt(struct watch *w, enum stop why)
{
	if (w->stop == GO)
		w->stop = why;
	xmlStopParser(w->ctxt);
}

/* Counts n nodes and len bytes of text; false (and the parser stopped) when
 * a limit is passed. */
static bool account(struct watch *w, size_t n, size_t len)
{
	w->nodes += n;
	w->bytes += n * NODE_COST + len;
	if (w->lim->max_xml_nodes && w->nodes > w->lim->max_xml_nodes)
		halt(w, STOP_NODES);
	else if (w->lim->max_reader_bytes && w->bytes > w->lim->max_reader_bytes)
		halt(w, STOP_MEMORY);
	return w->stop == GO;
}

static struct watch *watch_of(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
		     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct watch *w = watch_of(ctx);
	size_t len = 0;
	int i;

	if (w->stop != GO)
		return;
	if (++w->depth > XML_MAX_DEPTH) {
		halt(w, STOP_DEPTH);
		return;
	}
	/* attributes: 5 pointers each, the value from [3] to [4]. */
	for (i = 0; i < nb_attributes; i++)
		len += (size_t)(attributes[i * 5 + 4] - attributes[i * 5 + 3]);
	/* An attribute is two nodes: itself and its value's text. */
	if (account(w, 1 + 2 * (size_t)nb_attributes + (size_t)nb_namespaces, len))
		w->start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
			 nb_defaulted, attributes);
}

/* What a subtree was counted for, to give back when it is freed. */
static void subtree_cost(xmlNodePtr n, size_t *nodes, size_t *bytes)
{
	for (; n; n = n->next) {
		*nodes += 1;
		if (n->content)
			*bytes += strlen((const char *)n->content);
		if (n->type == XML_ELEMENT_NODE) {
			for (xmlAttrPtr a = n->properties; a; a = a->next)
				subtree_cost(a->children, nodes, bytes), *nodes += 1;
			subtree_cost(n->children, nodes, bytes);
		}
	}
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		   const xmlChar *uri)
{
	struct watch *w = watch_of(ctx);
	xmlNodePtr done = w->ctxt->node; /* the element this closes */
	size_t nodes = 0, bytes = 0;

	if (w->stop != GO)
		return;
	w->depth--;
	w->end(ctx, localname, prefix, uri);
	if (!w->each || w->depth != w->each_depth || !done || done->type != XML_ELEMENT_NODE)
		return;
	if (w->each(done, w->each_arg) < 0) {
		halt(w, STOP_CALLER);
		return;
	}
	/* Done with it: the tree keeps only what encloses the elements. */
	subtree_cost(done->children, &nodes, &bytes);
	for (xmlAttrPtr a = done->properties; a; a = a->next)
		subtree_cost(a->children, &nodes, &bytes), nodes++;
	nodes++;
	xmlUnlinkNode(done);
	xmlFreeNode(done);
	/* libxml2 appends the next text in place to the parent's last child
	 * when nodemem says the last text node it made is still there; with the
	 * element gone that last child is an older text node (perhaps interned
	 * in the dictionary), which it would realloc: found by fuzz_xlsx. With
	 * nodemem 0 it concatenates through xmlTextConcat, which copies. */
	w->ctxt->nodemem = 0;
	w->ctxt->nodelen = 0;
	w->bytes -= w->bytes < nodes * NODE_COST + bytes ? w->bytes : nodes * NODE_COST + bytes;
}

/* Text: libxml2 appends consecutive pieces to one node; a node is counted
 * for every piece, which overcounts long texts a little, never undercounts. */
static void on_text(void *ctx, const xmlChar *ch, int len)
{
	struct watch *w = watch_of(ctx);

	if (w->stop == GO && account(w, 1, (size_t)len))
		w->characters(ctx, ch, len);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
	struct watch *w = watch_of(ctx);

	if (w->stop == GO && account(w, 1, (size_t)len))
		w->cdata(ctx, ch, len);
}

static void on_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
		      const xmlChar *system_id)
{
	halt(watch_of(ctx), STOP_DOCTYPE);
}

static void on_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
		      const xmlChar *system_id, xmlChar *content)
{
	halt(watch_of(ctx), STOP_DOCTYPE);
}

/* Every libxml2 error comes here rather than to standard error; the first
 * one is kept for say_malformed(). */
static void on_error(void *ctx, xmlErrorPtr e)
{
	struct watch *w = watch_of(ctx);

	if (!e || w->code)
		return;
	w->code = e->code ? e->code : -1;
	w->line = e->line;
	w->column = e->int2;
	w->huge = e->message && (strstr(e->message, "HUGE") || strstr(e->message, "huge"));
}

/* libxml2 pulls the input of a ZIP entry through this, 4 KiB at a time. */
static int read_entry(void *arg, char *buf, int len)
{
	struct watch *w = arg;
	long n = zip_safe_entry_read(w->entry, buf, len > 0 ? (size_t)len : 0, &w->input_err);

	/* The parser is not stopped from here (xmlStopParser frees the input
	 * being read): an error return ends the parse. */
	if (n > 0 && has_doctype(buf, (size_t)n)) { /* the SAX hooks would catch it too */
		if (w->stop == GO)
			w->stop = STOP_DOCTYPE;
		return -1;
	}
	if (n < 0) {
		if (w->stop == GO)
			w->stop = STOP_INPUT;
		return -1;
	}
	return (int)n;
}

static int close_entry(void *arg)
{
	return 0;
}

/* A libxml2 error in words: where, and what in plain terms; never its own
 * text, which speaks of parser options. */
static void say_malformed(struct sb *err, const char *path, const char *part,
			  const struct watch *w)
{
	static const struct {
		int code;
		const char *what;
	} plain[] = {
		{ XML_ERR_DOCUMENT_EMPTY, "the part is empty" },
		{ XML_ERR_DOCUMENT_END, "there is content after the end of the document" },
		{ XML_ERR_INVALID_CHAR, "a character that XML does not allow" },
		{ XML_ERR_UNDECLARED_ENTITY, "an unknown entity (&name;)" },
		{ XML_WAR_UNDECLARED_ENTITY, "an unknown entity (&name;)" },
		{ XML_ERR_TAG_NAME_MISMATCH, "an element is closed with another element's name" },
		{ XML_ERR_TAG_NOT_FINISHED, "an element is not closed" },
		{ XML_ERR_LT_IN_ATTRIBUTE, "a '<' inside an attribute value" },
		{ XML_ERR_ATTRIBUTE_NOT_STARTED, "an attribute without a quoted value" },
		{ XML_ERR_GT_REQUIRED, "a tag that is not closed with '>'" },
		{ XML_ERR_NAME_REQUIRED, "a tag without a name" },
		{ XML_ERR_ENCODING_NAME, "an unknown text encoding" },
		{ XML_ERR_UNSUPPORTED_ENCODING, "an unknown text encoding" },
	};
	const char *what = "its structure is broken";
	size_t i;

	if (!w->code) {
		sb_addf(err, "%s: %s is not well-formed XML", path, part);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(plain); i++)
		if (plain[i].code == w->code)
			what = plain[i].what;
	if (w->huge)
		what = "a text or a name longer than the reader accepts (10 MB)";
	sb_addf(err, "%s: %s is not well-formed XML (line %d, column %d: %s)", path, part,
		w->line, w->column, what);
}

static void say_stopped(struct sb *err, const char *path, const char *part,
			const struct watch *w)
{
	switch (w->stop) {
	case STOP_DOCTYPE:
		sb_addf(err, "%s: %s has a DOCTYPE or entity declaration; Office files never do, "
			     "refused", path, part);
		break;
	case STOP_DEPTH:
		sb_addf(err, "%s: %s nests elements deeper than %d levels", path, part,
			XML_MAX_DEPTH);
		break;
	case STOP_NODES:
		doc_limit_error(err, path, part, w->lim->max_xml_nodes, "nút XML",
				"XML nodes (elements, attributes, texts)", "DONDOC_MAX_XML_NODES");
		break;
	case STOP_MEMORY:
		doc_limit_error(err, path, part, w->lim->max_reader_bytes,
				"byte bộ nhớ để đọc", "bytes of memory to read it",
				"DONDOC_MAX_READER_BYTES");
		break;
	case STOP_INPUT:
		sb_add(err, w->input_err.buf, w->input_err.len);
		break;
	case STOP_CALLER: /* the caller said why */
	case GO:
		break;
	}
}

/* Parses from memory (data) or from a ZIP entry (entry), watched; with
 * each, streaming (xml_safe_parse_entry_each). */
static xmlDocPtr parse(const char *path, const char *part, const char *data, size_t len,
		       struct zip_entry *entry, const struct doc_limits *lim, size_t depth,
		       int (*each)(xmlNodePtr, void *), void *arg, struct sb *err)
{
	struct watch w = { .lim = lim ? lim : &doc_default_limits, .entry = entry,
			   .input_err = SB_INIT, .each = each, .each_arg = arg,
			   .each_depth = depth };
	xmlDocPtr doc = NULL;
	const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

	w.ctxt = xmlNewParserCtxt();
	if (!w.ctxt) {
		sb_addf(err, "%s: %s: cannot start the XML parser", path, part);
		return NULL;
	}
	w.ctxt->_private = &w;
	w.start = w.ctxt->sax->startElementNs;
	w.end = w.ctxt->sax->endElementNs;
	w.characters = w.ctxt->sax->characters;
	w.cdata = w.ctxt->sax->cdataBlock;
	w.ctxt->sax->startElementNs = on_start;
	w.ctxt->sax->endElementNs = on_end;
	w.ctxt->sax->characters = on_text;
	w.ctxt->sax->ignorableWhitespace = on_text;
	w.ctxt->sax->cdataBlock = on_cdata;
	w.ctxt->sax->internalSubset = on_subset;
	w.ctxt->sax->externalSubset = on_subset;
	w.ctxt->sax->entityDecl = on_entity;
	w.ctxt->sax->serror = on_error;
	if (entry)
		doc = xmlCtxtReadIO(w.ctxt, read_entry, close_entry, &w, NULL, NULL, opts);
	else
		doc = xmlCtxtReadMemory(w.ctxt, data, (int)len, NULL, NULL, opts);
	if (w.stop != GO) {
		say_stopped(err, path, part, &w);
		goto fail;
	}
	if (!doc || !w.ctxt->wellFormed) {
		say_malformed(err, path, part, &w);
		goto fail;
	}
	if (doc->intSubset || doc->extSubset) {
		sb_addf(err, "%s: %s has a DOCTYPE; Office files never do, refused", path, part);
		goto fail;
	}
	if (!xmlDocGetRootElement(doc)) {
		sb_addf(err, "%s: %s has no root element", path, part);
		goto fail;
	}
	xmlFreeParserCtxt(w.ctxt);
	sb_release(&w.input_err);
	return doc;
fail:
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(w.ctxt);
	sb_release(&w.input_err);
	return NULL;
}

xmlDocPtr xml_safe_parse(const char *path, const char *part, const char *data, size_t len,
			 struct sb *err)
{
	if (!path)
		path = "-";
	if (!part)
		part = "XML";
	if (!data || len == 0) {
		sb_addf(err, "%s: %s is empty", path, part);
		return NULL;
	}
	if (len > (size_t)INT32_MAX) {
		sb_addf(err, "%s: %s is too large to parse", path, part);
		return NULL;
	}
	if (has_doctype(data, len)) {
		sb_addf(
		    err,
		    "%s: %s has a DOCTYPE or entity declaration; Office files never do, refused",
		    path, part);
		return NULL;
	}
	return parse(path, part, data, len, NULL, NULL, 0, NULL, NULL, err);
}

xmlDocPtr xml_safe_parse_entry_each(struct zip_safe *z, const char *path, const char *part,
				    const struct doc_limits *lim, size_t depth,
				    int (*each)(xmlNodePtr node, void *arg), void *arg,
				    struct sb *err)
{
	struct zip_entry *e = zip_safe_entry_open(z, part, err);
	xmlDocPtr doc;

	if (!e)
		return NULL;
	doc = parse(path, part, NULL, 0, e, lim, depth, each, arg, err);
	zip_safe_entry_close(e);
	return doc;
}

xmlDocPtr xml_safe_parse_entry(struct zip_safe *z, const char *path, const char *part,
			       const struct doc_limits *lim, struct sb *err)
{
	return xml_safe_parse_entry_each(z, path, part, lim, 0, NULL, NULL, err);
}

int xml_is(xmlNodePtr node, const char *ns, const char *name)
{
	if (!node || node->type != XML_ELEMENT_NODE || !node->name)
		return 0;
	if (strcmp((const char *)node->name, name) != 0)
		return 0;
	if (ns && (!node->ns || !node->ns->href || strcmp((const char *)node->ns->href, ns) != 0))
		return 0;
	return 1;
}

xmlNodePtr xml_child(xmlNodePtr node, const char *ns, const char *name)
{
	if (!node)
		return NULL;
	for (xmlNodePtr c = node->children; c; c = c->next)
		if (xml_is(c, ns, name))
			return c;
	return NULL;
}

const char *xml_attr(xmlNodePtr node, const char *ns, const char *name)
{
	static xmlChar *last; /* the per-call buffer of xml.h */

	if (!node || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		if (!a->name || strcmp((const char *)a->name, name) != 0)
			continue;
		if (ns ? (!a->ns || !a->ns->href || strcmp((const char *)a->ns->href, ns) != 0)
		       : a->ns != NULL)
			continue;
		if (!a->children)
			return "";
		/* The usual case, a single text node: borrowed from the tree. */
		if (a->children->type == XML_TEXT_NODE && !a->children->next)
			return a->children->content ? (const char *)a->children->content : "";
		xmlFree(last);
		last = xmlNodeListGetString(node->doc, a->children, 1);
		return last ? (const char *)last : "";
	}
	return NULL;
}

static void text_rec(xmlNodePtr node, struct sb *out, int depth)
{
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			sb_adds(out, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE && depth < XML_MAX_DEPTH + 8)
			text_rec(c, out, depth + 1);
	}
}

void xml_text(xmlNodePtr node, struct sb *out)
{
	if (node)
		text_rec(node, out, 0);
}
