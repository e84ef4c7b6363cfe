package sitefeed

// items is what the documents of a Set hold, derived from the feeds' Items
// each time they are written, so that every writer (Feed.Write, WriteDir,
// the Handler) writes the same items: the posts to encode, in the order
// they are encoded, and the feeds each is an item of.
type items struct {
	posts []*Post
	// member[j] lists the feeds (index into Set.documents()) that hold
	// posts[j]. Each feed's items are, in posts order, its Items in order.
	member [][]int32
}

// itemsOf derives the items of feeds. Posts are encoded in the order of
// order (Set.Posts); a post of a feed's Items that is not in order, or
// that comes before the feed's previous item there (Items changed by
// hand), is encoded again after them, so that each feed's items are
// written in the order of its Items. Feeds built by Build are read with
// one comparison a post, through the positions they record.
func itemsOf(order []*Post, feeds []*Feed) items {
	posts := order[:len(order):len(order)] // appending never writes into order
	var index map[*Post]int32              // made only for Items changed by hand
	seqs := make([][]int32, len(feeds))
	counts := make([]int32, len(posts), len(posts)+1)
	for k, f := range feeds {
		seq := make([]int32, len(f.Items))
		last := int32(-1)
		for m, p := range f.Items {
			j := int32(-1)
			switch {
			case m < len(f.pos) && int(f.pos[m]) < len(posts) && posts[f.pos[m]] == p:
				j = f.pos[m]
			case f.pos == nil && m < len(posts) && posts[m] == p: // the site feed
				j = int32(m)
			default:
				if index == nil {
					index = make(map[*Post]int32, len(posts))
					for i := len(posts) - 1; i >= 0; i-- {
						index[posts[i]] = int32(i)
					}
				}
				if i, ok := index[p]; ok {
					j = i
				}
			}
			if j <= last { // absent, or out of order: an entry of its own
				j = int32(len(posts))
				posts = append(posts, p)
				counts = append(counts, 0)
				if _, ok := index[p]; !ok && index != nil {
					index[p] = j
				}
			}
			seq[m], last = j, j
			counts[j]++
		}
		seqs[k] = seq
	}
	// One array for all: fewer objects for the garbage collector to mark.
	total := 0
	for _, c := range counts {
		total += int(c)
	}
	flat := make([]int32, total)
	member := make([][]int32, len(posts))
	off := 0
	for j, c := range counts {
		member[j] = flat[off : off : off+int(c)]
		off += int(c)
	}
	for k, seq := range seqs {
		for _, j := range seq {
			member[j] = append(member[j], int32(k))
		}
	}
	return items{posts: posts, member: member}
}
