/*
 * xml.h - parsing XML parts of untrusted containers, on libxml2.
 *
 * Office Open XML forbids DTDs, so a part with a DOCTYPE is refused outright
 * before parsing: entity expansion and external entities never start. The
 * parser runs with XML_PARSE_NONET | XML_PARSE_NO_XXE-equivalent options (no
 * entity substitution, no DTD loading, no network), and a depth limit.
 */
#ifndef DONDOC_XML_H
#define DONDOC_XML_H

#include <stddef.h>

#include <libxml/tree.h>

struct sb;

/** Parses data[0..len) (the part called part inside path, for messages).
 *  NULL with err set on a DOCTYPE, malformed XML or an empty part. Free with
 *  xmlFreeDoc(). */
xmlDocPtr xml_safe_parse(const char *path, const char *part, const char *data, size_t len,
			 struct sb *err);

struct zip_safe;
struct doc_limits;
/** The same for the entry part of the ZIP z, parsed while it inflates (never
 *  held whole), with limits->max_xml_nodes and max_reader_bytes enforced as
 *  the tree grows (NULL: the defaults). A DOCTYPE anywhere is refused. */
xmlDocPtr xml_safe_parse_entry(struct zip_safe *z, const char *path, const char *part,
			       const struct doc_limits *limits, struct sb *err);

/**
 * The same, streaming: every element at depth (the root is 0) is given to
 * each() as soon as it is complete, with its whole subtree and its ancestors
 * (node->parent) in place, and freed when each() returns, so the tree never
 * holds more than the enclosing elements and one such element. each()
 * returning < 0 stops the parse: NULL is returned with each()'s message in
 * err. On success returns what is left of the tree (the root and the
 * elements not at that depth), to free with xmlFreeDoc().
 */
xmlDocPtr xml_safe_parse_entry_each(struct zip_safe *z, const char *path, const char *part,
				    const struct doc_limits *limits, size_t depth,
				    int (*each)(xmlNodePtr node, void *arg), void *arg,
				    struct sb *err);

/** The first child element of node named name in namespace ns (NULL: any). */
xmlNodePtr xml_child(xmlNodePtr node, const char *ns, const char *name);
/** The value of attribute name in namespace ns (NULL: no namespace), or NULL.
 *  The string is borrowed from a per-call buffer: copy it before the next call. */
const char *xml_attr(xmlNodePtr node, const char *ns, const char *name);
/** True when node is an element with this local name (and namespace href). */
int xml_is(xmlNodePtr node, const char *ns, const char *name);
/** Appends the concatenated text of node's descendants to out. */
void xml_text(xmlNodePtr node, struct sb *out);

#endif
