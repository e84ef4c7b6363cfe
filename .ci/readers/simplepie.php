<?php
// Prints what SimplePie reads in a feed file, as JSON items.
// Usage: php simplepie.php SIMPLEPIE_DIR FILE
require $argv[1] . '/autoloader.php';
$feed = new \SimplePie\SimplePie();
$feed->set_raw_data(file_get_contents($argv[2]));
$feed->enable_cache(false);
$feed->init();
// SimplePie returns HTML for a page; text and URLs are decoded back.
function text($s) {
    return $s === null ? null : html_entity_decode($s, ENT_QUOTES | ENT_HTML5, 'UTF-8');
}
$out = ['error' => $feed->error() ?: null, 'items' => []];
foreach ($feed->get_items() as $item) {
    $authors = [];
    foreach ($item->get_authors() ?? [] as $a) {
        $authors[] = text($a->get_name() ?? $a->get_email());
    }
    $tags = [];
    foreach ($item->get_categories() ?? [] as $c) {
        $tags[] = text($c->get_label());
    }
    $enc = null;
    foreach ($item->get_enclosures() ?? [] as $e) {
        if ($e->get_link()) {
            $enc = ['url' => text($e->get_link()), 'type' => $e->get_type(), 'length' => $e->get_length()];
            break;
        }
    }
    $out['items'][] = [
        'title' => text($item->get_title()),
        'link' => text($item->get_permalink()),
        'date' => $item->get_date('U') === null ? null : 1000 * (int) $item->get_date('U'),
        'author' => implode(', ', $authors),
        'tags' => $tags,
        'summary' => $item->get_description(true),
        'content' => $item->get_content(true),
        'enclosure' => $enc,
    ];
}
echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
