/*
 * xml.c - parsing untrusted XML parts on libxml2 (see xml.h).
 *
 * A DOCTYPE is refused by scanning the raw bytes before libxml2 sees them
 * (in UTF-8 and in both UTF-16 byte orders), and again after parsing by
 * checking that the tree has no internal or external subset, so no entity
 * is ever declared, let alone expanded or fetched. The parser runs without
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE (libxml2 then keeps
 * its built-in depth and text-size limits) and with XML_PARSE_NONET.
 */
#include "base/compat.h"
#include "ingest/xml.h"
#include "base/sb.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* Deeper trees than this are refused: OOXML parts nest a few dozen levels,
 * and the readers walk trees recursively. */
#define XML_MAX_DEPTH 200

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
	return has_word(data, len, "<!DOCTYPE", 1, 0) || has_word(data, len, "<!ENTITY", 1, 0) ||
	       has_word(data, len, "<!DOCTYPE", 2, 0) || has_word(data, len, "<!DOCTYPE", 2, 1);
}

static size_t depth_of(xmlNodePtr n, size_t depth)
{
	size_t max = depth;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		size_t d;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (depth + 1 > XML_MAX_DEPTH)
			return depth + 1;
		d = depth_of(c, depth + 1);
		if (d > max)
			max = d;
		if (max > XML_MAX_DEPTH)
			break;
	}
	return max;
}

xmlDocPtr xml_safe_parse(const char *path, const char *part, const char *data, size_t len,
			 struct sb *err)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

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
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		sb_addf(err, "%s: %s: cannot start the XML parser", path, part);
		return NULL;
	}
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, opts);
	if (!doc || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);

		if (e && e->message)
			sb_addf(err, "%s: %s is not well-formed XML (line %d: %.*s)", path, part,
				e->line, (int)strcspn(e->message, "\n"), e->message);
		else
			sb_addf(err, "%s: %s is not well-formed XML", path, part);
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
	if (depth_of(xmlDocGetRootElement(doc), 1) > XML_MAX_DEPTH) {
		sb_addf(err, "%s: %s nests elements deeper than %d levels", path, part,
			XML_MAX_DEPTH);
		goto fail;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
fail:
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return NULL;
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
